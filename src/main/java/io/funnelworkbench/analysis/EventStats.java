package io.funnelworkbench.analysis;

import io.funnelworkbench.model.EventCount;
import io.funnelworkbench.model.EventLog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Counts per event name over a snapshot, most frequent first. */
public final class EventStats {
    /** The order of {@link #byName}: most events first, then by name. */
    public static final Comparator<EventCount> ORDER =
            Comparator.comparingLong(EventCount::events).reversed().thenComparing(EventCount::name);

    private EventStats() {
    }

    public static List<EventCount> byName(EventLog log) {
        int names = log.eventNames().length;
        long[] events = new long[names];
        long[] users = new long[names];
        int[] lastUserSeen = new int[names];
        Arrays.fill(lastUserSeen, -1);
        int[] userColumn = log.userColumn();
        int[] eventColumn = log.eventColumn();
        // Rows are sorted by user, so a name's user count rises once per change of user.
        for (int row = 0; row < eventColumn.length; row++) {
            int event = eventColumn[row];
            events[event]++;
            if (lastUserSeen[event] != userColumn[row]) {
                lastUserSeen[event] = userColumn[row];
                users[event]++;
            }
        }
        List<EventCount> counts = new ArrayList<>();
        for (int e = 0; e < names; e++) {
            if (events[e] > 0) {
                counts.add(new EventCount(log.eventName(e), events[e], users[e]));
            }
        }
        counts.sort(ORDER);
        return counts;
    }
}
