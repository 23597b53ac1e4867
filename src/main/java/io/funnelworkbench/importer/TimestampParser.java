package io.funnelworkbench.importer;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
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

    public TimestampParser(TimeFormat format, ZoneId zone, String pattern) {
        this.format = format;
        this.zone = zone == null ? ZoneOffset.UTC : zone;
        this.pattern = format == TimeFormat.PATTERN ? DateTimeFormatter.ofPattern(pattern) : null;
    }

    public static TimestampParser auto() {
        return new TimestampParser(TimeFormat.AUTO, ZoneOffset.UTC, null);
    }

    /** Epoch microseconds of {@code text}; throws {@link IllegalArgumentException} with a reason. */
    public long parse(String text) {
        String value = text.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the time is empty");
        }
        return switch (format) {
            case AUTO -> isNumber(value) ? epochAuto(value) : iso(value);
            case ISO -> iso(value);
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

    private static double number(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not an epoch number");
        }
    }

    private long withPattern(String value) {
        try {
            TemporalAccessor parsed = pattern.parse(value);
            LocalDate date = LocalDate.from(parsed);
            LocalDateTime local = parsed.isSupported(ChronoField.HOUR_OF_DAY)
                    ? LocalDateTime.of(date, java.time.LocalTime.from(parsed)) : date.atStartOfDay();
            ZoneId valueZone = parsed.isSupported(ChronoField.OFFSET_SECONDS)
                    ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)) : zone;
            return micros(local.atZone(valueZone).toEpochSecond(), local.getNano());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + value + "' does not match the pattern " + pattern);
        }
    }

    private long iso(String value) {
        Cursor c = new Cursor(value);
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
                throw new IllegalArgumentException("'" + value + "' has unexpected text after the time");
            }
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
            long epochSecond = offsetSeconds != null ? local.toEpochSecond(ZoneOffset.ofTotalSeconds(offsetSeconds))
                    : local.atZone(zone).toEpochSecond();
            return micros(epochSecond, nanos);
        } catch (DateTimeException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("'" + value + "' is not a date and time this importer can read"
                    + " (expected e.g. 2024-05-31 13:45:00, 2024-05-31T13:45:00Z or epoch seconds)");
        }
    }

    private static long micros(long epochSecond, int nanos) {
        return epochSecond * 1_000_000L + nanos / 1_000;
    }

    /** Reads an ISO date-time left to right without allocating. */
    private static final class Cursor {
        private final String text;
        private int position;

        Cursor(String text) {
            this.text = text;
        }

        boolean more() {
            return position < text.length();
        }

        char peek() {
            return text.charAt(position);
        }

        void skip() {
            position++;
        }

        boolean digitAt(int ahead) {
            int index = position + ahead;
            return index < text.length() && Character.isDigit(text.charAt(index));
        }

        void expect(char expected) {
            if (!more() || text.charAt(position) != expected) {
                throw new DateTimeParseException("expected " + expected, text, position);
            }
            position++;
        }

        int digits(int count) {
            int value = 0;
            for (int i = 0; i < count; i++) {
                char ch = text.charAt(position++);
                if (ch < '0' || ch > '9') {
                    throw new DateTimeParseException("expected a digit", text, position - 1);
                }
                value = value * 10 + (ch - '0');
            }
            return value;
        }

        int fraction() {
            int nanos = 0;
            int scale = 100_000_000;
            int start = position;
            while (more() && Character.isDigit(peek())) {
                nanos += (peek() - '0') * scale;
                scale /= 10;
                position++;
            }
            if (position == start) {
                throw new DateTimeParseException("expected fraction digits", text, position);
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
            String rest = text.substring(position);
            if (rest.equals("Z") || rest.equals("z") || rest.equalsIgnoreCase("UTC") || rest.equalsIgnoreCase("GMT")) {
                position = text.length();
                return 0;
            }
            char sign = peek();
            if (sign != '+' && sign != '-') {
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
            int seconds = hours * 3600 + minutes * 60;
            return sign == '-' ? -seconds : seconds;
        }
    }
}
