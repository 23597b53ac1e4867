package io.funnelworkbench.importer;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * Turns the time values of event exports into epoch microseconds (UTC). Handles ISO-8601 with or without
 * {@code T}, zone or fraction, date-only values, {@code ... UTC} suffixes, and epoch numbers whose unit
 * (seconds, milliseconds, microseconds, nanoseconds) is told apart by magnitude. Zone-less values are read
 * in {@code zone}. Hand-written for the common shapes because it runs once per imported row.
 */
public final class TimestampParser {
    private final TimeFormat format;
    private final ZoneId zone;
    private final DateTimeFormatter pattern;
    private final String patternText;

    public TimestampParser(TimeFormat format, ZoneId zone, String pattern) {
        this.format = format;
        this.zone = zone == null ? ZoneOffset.UTC : zone;
        this.pattern = format == TimeFormat.PATTERN ? strict(pattern) : null;
        this.patternText = pattern;
    }

    /**
     * The pattern, resolved strictly: 31/02 is refused rather than read as 29/02. Strict resolution needs the
     * proleptic year ({@code u}) where users write the year of era ({@code y}); they differ only before year 1.
     */
    private static DateTimeFormatter strict(String pattern) {
        String proleptic = pattern.contains("G") ? pattern : pattern.replace('y', 'u');
        return DateTimeFormatter.ofPattern(proleptic).withResolverStyle(ResolverStyle.STRICT);
    }

    public static TimestampParser auto() {
        return new TimestampParser(TimeFormat.AUTO, ZoneOffset.UTC, null);
    }

    /** Epoch microseconds of {@code text}; throws {@link IllegalArgumentException} with a reason. */
    public long parse(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return parse(utf8, 0, utf8.length);
    }

    /**
     * Times an event export can hold: from 1900 to before 2200. Outside them a value is a placeholder, an
     * overflow or a wrong unit (a 22-digit epoch), and taking it would put events a century off.
     */
    public static final long EARLIEST_MICROS = -2_208_988_800_000_000L;
    public static final long LATEST_MICROS = 7_258_118_400_000_000L;

    /**
     * As {@link #parse(String)}, reading UTF-8 bytes in place: the import's hot path. The shapes it reads are
     * ASCII; the rest of UTF-8 matters for patterns with other letters and for quoting a value in a refusal.
     */
    public long parse(byte[] bytes, int from, int to) {
        long micros = parseAny(bytes, from, to);
        if (micros == 0) {
            throw new IllegalArgumentException("'" + new String(bytes, from, to - from,
                    StandardCharsets.UTF_8).strip() + "' is the first instant of 1970, which"
                    + " exports write for a missing time");
        }
        if (micros < EARLIEST_MICROS || micros >= LATEST_MICROS) {
            throw new IllegalArgumentException("'" + new String(bytes, from, to - from,
                    StandardCharsets.UTF_8).strip() + "' is outside the years 1900 to 2199"
                    + " (a placeholder, or an epoch number in another unit?)");
        }
        return micros;
    }

    private long parseAny(byte[] bytes, int from, int to) {
        while (from < to && bytes[from] == ' ') {
            from++;
        }
        while (to > from && bytes[to - 1] == ' ') {
            to--;
        }
        if (from == to) {
            throw new IllegalArgumentException("the time is empty");
        }
        if (format == TimeFormat.AUTO || format == TimeFormat.ISO) {
            if (format == TimeFormat.AUTO && isDigits(bytes, from, to)) {
                return epochAuto(bytes, from, to);
            }
            return iso(bytes, from, to);
        }
        String value = new String(bytes, from, to - from, StandardCharsets.UTF_8);
        return switch (format) {
            case AUTO, ISO -> throw new IllegalStateException("handled above");
            case EPOCH_SECONDS -> Math.round(number(value) * 1_000_000d);
            case EPOCH_MILLIS -> Math.round(number(value) * 1_000d);
            case EPOCH_MICROS -> (long) number(value);
            case PATTERN -> withPattern(value);
        };
    }

    /** The unit an epoch number most likely has, judged by its size (valid for years 1973 to 5138). */
    public static TimeFormat epochUnitOf(double value) {
        double magnitude = Math.abs(value);
        if (magnitude < 1e11) {
            return TimeFormat.EPOCH_SECONDS;
        }
        return magnitude < 1e14 ? TimeFormat.EPOCH_MILLIS : TimeFormat.EPOCH_MICROS;
    }

    private static boolean isDigits(byte[] bytes, int from, int to) {
        int start = bytes[from] == '-' ? from + 1 : from;
        if (start == to) {
            return false;
        }
        boolean dot = false;
        for (int i = start; i < to; i++) {
            byte b = bytes[i];
            if (b == '.' && !dot) {
                dot = true;
            } else if (b < '0' || b > '9') {
                return false;
            }
        }
        return true;
    }

    private static long epochAuto(byte[] bytes, int from, int to) {
        int digits = to - from - (bytes[from] == '-' ? 1 : 0);
        boolean integer = true;
        for (int i = from; i < to; i++) {
            integer &= bytes[i] != '.';
        }
        if (integer && digits <= 18) {
            long value = 0;
            for (int i = bytes[from] == '-' ? from + 1 : from; i < to; i++) {
                value = value * 10 + (bytes[i] - '0');
            }
            value = bytes[from] == '-' ? -value : value;
            return epochIntegerToMicros(value);
        }
        return epochAuto(new String(bytes, from, to - from, StandardCharsets.UTF_8));
    }

    private static long epochIntegerToMicros(long value) {
        long magnitude = Math.abs(value);
        if (magnitude >= 100_000_000_000_000_000L) {
            return value / 1_000;
        }
        if (magnitude >= 100_000_000_000_000L) {
            return value;
        }
        return magnitude >= 100_000_000_000L ? value * 1_000 : value * 1_000_000;
    }

    private static long epochAuto(String value) {
        double number = number(value);
        if (Math.abs(number) >= 1e17) {
            return (long) (number / 1_000d);
        }
        return switch (epochUnitOf(number)) {
            case EPOCH_SECONDS -> Math.round(number * 1_000_000d);
            case EPOCH_MILLIS -> Math.round(number * 1_000d);
            default -> Long.parseLong(value.contains(".") ? value.substring(0, value.indexOf('.')) : value);
        };
    }

    static boolean isNumber(String value) {
        int start = value.charAt(0) == '-' ? 1 : 0;
        boolean digits = false;
        boolean dot = false;
        for (int i = start; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = true;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return false;
            }
        }
        return digits;
    }

    /** A plain decimal number (no exponent, NaN or Infinity, which would read as 1970 or overflow). */
    private static double number(String value) {
        if (value.isEmpty() || !isNumber(value)) {
            throw new IllegalArgumentException("'" + value + "' is not an epoch number");
        }
        return Double.parseDouble(value);
    }

    private long withPattern(String value) {
        try {
            TemporalAccessor parsed = pattern.parse(value);
            LocalDate date = LocalDate.from(parsed);
            LocalDateTime local = parsed.isSupported(ChronoField.HOUR_OF_DAY)
                    ? LocalDateTime.of(date, LocalTime.from(parsed)) : date.atStartOfDay();
            ZoneId valueZone = parsed.isSupported(ChronoField.OFFSET_SECONDS)
                    ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)) : zone;
            return micros(local.atZone(valueZone).toEpochSecond(), local.getNano());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + value + "' does not match the pattern " + patternText
                    + " (or names a day the month does not have)");
        }
    }

    private long iso(byte[] bytes, int from, int to) {
        Cursor c = new Cursor(bytes, from, to);
        try {
            int year = c.digits(4);
            c.expect('-');
            int month = c.digits(2);
            c.expect('-');
            int day = c.digits(2);
            int hour = 0;
            int minute = 0;
            int second = 0;
            int nanos = 0;
            if (c.more() && (c.peek() == 'T' || c.peek() == 't' || c.peek() == ' ') && c.digitAt(1)) {
                c.skip();
                hour = c.digits(2);
                c.expect(':');
                minute = c.digits(2);
                if (c.more() && c.peek() == ':') {
                    c.skip();
                    second = c.digits(2);
                    if (c.more() && (c.peek() == '.' || c.peek() == ',')) {
                        c.skip();
                        nanos = c.fraction();
                    }
                }
            }
            Integer offsetSeconds = c.offset();
            if (c.more()) {
                throw new IllegalArgumentException("'" + c.text() + "' has unexpected text after the time");
            }
            if (offsetSeconds == null && !(zone instanceof ZoneOffset)) {
                LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
                return micros(local.atZone(zone).toEpochSecond(), nanos);
            }
            int offset = offsetSeconds != null ? offsetSeconds : ((ZoneOffset) zone).getTotalSeconds();
            ChronoField.HOUR_OF_DAY.checkValidValue(hour);
            ChronoField.MINUTE_OF_HOUR.checkValidValue(minute);
            ChronoField.SECOND_OF_MINUTE.checkValidValue(second);
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return micros(epochDay * 86_400 + hour * 3_600L + minute * 60L + second - offset, nanos);
        } catch (DateTimeException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("'" + c.text() + "' is not a date and time this importer can read"
                    + " (expected e.g. 2024-05-31 13:45:00, 2024-05-31T13:45:00Z or epoch seconds)");
        }
    }

    private static long micros(long epochSecond, int nanos) {
        return epochSecond * 1_000_000L + nanos / 1_000;
    }

    /** Reads an ISO date-time left to right over ASCII bytes without allocating. */
    private static final class Cursor {
        private final byte[] bytes;
        private final int from;
        private final int to;
        private int position;

        Cursor(byte[] bytes, int from, int to) {
            this.bytes = bytes;
            this.from = from;
            this.to = to;
            this.position = from;
        }

        String text() {
            return new String(bytes, from, to - from, StandardCharsets.UTF_8);
        }

        boolean more() {
            return position < to;
        }

        char peek() {
            return (char) bytes[position];
        }

        void skip() {
            position++;
        }

        boolean digitAt(int ahead) {
            int index = position + ahead;
            return index < to && bytes[index] >= '0' && bytes[index] <= '9';
        }

        void expect(char expected) {
            if (!more() || bytes[position] != expected) {
                throw new DateTimeException("expected " + expected);
            }
            position++;
        }

        int digits(int count) {
            int value = 0;
            for (int i = 0; i < count; i++) {
                if (position >= to) {
                    throw new DateTimeException("expected a digit");
                }
                byte b = bytes[position++];
                if (b < '0' || b > '9') {
                    throw new DateTimeException("expected a digit");
                }
                value = value * 10 + (b - '0');
            }
            return value;
        }

        int fraction() {
            int nanos = 0;
            int scale = 100_000_000;
            int start = position;
            while (more() && digitAt(0)) {
                nanos += (bytes[position] - '0') * scale;
                scale /= 10;
                position++;
            }
            if (position == start) {
                throw new DateTimeException("expected fraction digits");
            }
            return nanos;
        }

        /** The zone offset written after the time, in seconds; null when there is none. */
        Integer offset() {
            while (more() && peek() == ' ') {
                position++;
            }
            if (!more()) {
                return null;
            }
            int rest = to - position;
            char first = peek();
            if (rest == 1 && (first == 'Z' || first == 'z')) {
                position = to;
                return 0;
            }
            if (rest == 3 && (restIs("UTC") || restIs("GMT"))) {
                position = to;
                return 0;
            }
            if (first != '+' && first != '-') {
                return null;
            }
            position++;
            int hours = digits(2);
            int minutes = 0;
            if (more() && peek() == ':') {
                position++;
            }
            if (more()) {
                minutes = digits(2);
            }
            if (hours > 18 || minutes > 59 || hours == 18 && minutes > 0) {
                throw new DateTimeException("the offset is outside -18:00 to +18:00");
            }
            int seconds = hours * 3600 + minutes * 60;
            return first == '-' ? -seconds : seconds;
        }

        private boolean restIs(String word) {
            for (int i = 0; i < word.length(); i++) {
                if (Character.toUpperCase((char) bytes[position + i]) != word.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
    }
}
