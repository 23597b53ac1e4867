package io.funnelworkbench.store;

import java.util.BitSet;
import java.util.Map;

/** What a committed import added: its history record, its distinct users, events by name and time range. */
public record ImportResult(ImportRecord record, BitSet users, Map<String, Long> eventsByName, Long firstTime,
                           Long lastTime) {
    ImportResult withRecord(ImportRecord newRecord) {
        return new ImportResult(newRecord, users, eventsByName, firstTime, lastTime);
    }
}
