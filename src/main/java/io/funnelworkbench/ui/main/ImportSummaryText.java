package io.funnelworkbench.ui.main;

import io.funnelworkbench.importer.ImportSummary;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The import summary as a few readable lines. */
final class ImportSummaryText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private ImportSummaryText() {
    }

    static String of(ImportSummary s) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Files: %d · rows read: %,d · imported: %,d · rejected: %,d%n",
                s.files().size(), s.rowsRead(), s.rowsImported(), s.rowsRejected()));
        if (s.duplicatesSkipped() > 0) {
            text.append(String.format(Locale.ROOT, "Repeated insert ids skipped: %,d%n", s.duplicatesSkipped()));
        }
        text.append(String.format(Locale.ROOT, "Users: %,d%n", s.users()));
        if (s.firstTimeMicros() != null) {
            text.append("From ").append(TIME.format(instant(s.firstTimeMicros()))).append(" to ")
                    .append(TIME.format(instant(s.lastTimeMicros()))).append('\n');
        }
        text.append("\nEvents by name:\n");
        s.eventsByName().forEach((name, count) -> text.append(String.format(Locale.ROOT, "  %-28s %,12d%n", name, count)));
        for (Path rejects : s.rejectsFiles()) {
            text.append("\nRejected rows, with line and reason: ").append(rejects);
        }
        return text.toString();
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
    }
}
