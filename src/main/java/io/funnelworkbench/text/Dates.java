package io.funnelworkbench.text;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/** Dates as users read them, in English and in UTC (the time zone every event is stored in): 3 Aug 2026. */
public final class Dates {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_AND_SECOND = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_OF_YEAR = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);

    private Dates() {
    }

    /** "3 Aug 2026". */
    public static String day(LocalDate date) {
        return DAY.format(date);
    }

    /** The UTC day of an instant: "3 Aug 2026". */
    public static String day(Instant instant) {
        return DAY.format(instant);
    }

    /** "3 Aug 2026 14:05" (UTC). */
    public static String dayAndTime(Instant instant) {
        return DAY_AND_TIME.format(instant);
    }

    /** "3 Aug 2026 14:05:09" (UTC): events of one user, where seconds tell them apart. */
    public static String dayAndSecond(Instant instant) {
        return DAY_AND_SECOND.format(instant);
    }

    /** A short axis label of a day or week: "3 Aug". */
    public static String shortDay(LocalDate date) {
        return DAY_OF_YEAR.format(date);
    }

    /** A short axis label of a month: "Aug 2026". */
    public static String month(LocalDate date) {
        return MONTH.format(date);
    }

    /** "3 Aug 2026 – 9 Sep 2026", from the first to the last day of a range. */
    public static String dayRange(Instant from, Instant to) {
        return range(DAY, from, to);
    }

    /** "3 Aug 2026 14:05 – 9 Sep 2026 08:00". */
    public static String dayAndTimeRange(Instant from, Instant to) {
        return range(DAY_AND_TIME, from, to);
    }

    private static String range(DateTimeFormatter format, TemporalAccessor from, TemporalAccessor to) {
        return format.format(from) + " – " + format.format(to);
    }
}
