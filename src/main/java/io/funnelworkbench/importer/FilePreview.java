package io.funnelworkbench.importer;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The first rows of a file as the importer reads them, with the mapping it would use. */
public record FilePreview(Path file, TextFormat format, List<String> headers, List<List<String>> rows,
                          ColumnMapping suggestedMapping) {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern ZONE = Pattern.compile(".*(Z|[+-]\\d\\d:?\\d\\d)$");

    /** The analytics tool whose export this looks like, by its column names. */
    public Optional<ExportSchema> schema() {
        return ExportSchema.recognise(headers);
    }

    /**
     * How the time column of {@code mapping} reads in these rows, in words: "epoch microseconds", "date and time
     * with zone", "date and time without zone, read as Europe/Berlin", "dates, read as UTC"; empty without a time
     * column.
     */
    public String timeDescription(ColumnMapping mapping) {
        int column = mapping.columnOf(ColumnRole.TIME);
        String sample = column < 0 ? null : rows.stream().filter(r -> column < r.size())
                .map(r -> r.get(column).strip()).filter(v -> !v.isEmpty()).findFirst().orElse(null);
        if (sample == null) {
            return "";
        }
        String zone = mapping.zone().normalized() == ZoneOffset.UTC ? "UTC" : mapping.zone().getId();
        TimeFormat format = mapping.timeFormat();
        if (format == TimeFormat.AUTO && NUMBER.matcher(sample).matches()) {
            format = TimestampParser.epochUnitOf(Double.parseDouble(sample));
        }
        return switch (format) {
            case EPOCH_SECONDS -> "epoch seconds";
            case EPOCH_MILLIS -> "epoch milliseconds";
            case EPOCH_MICROS -> "epoch microseconds";
            case PATTERN -> "pattern " + mapping.timePattern() + ", read as " + zone;
            default -> ZONE.matcher(sample).matches() ? "date and time with zone"
                    : sample.length() <= 10 ? "dates, read as " + zone
                    : "date and time without zone, read as " + zone;
        };
    }
}
