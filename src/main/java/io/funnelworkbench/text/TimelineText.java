package io.funnelworkbench.text;

import io.funnelworkbench.analysis.UserTimeline.Mark;
import io.funnelworkbench.analysis.UserTimeline.Place;
import io.funnelworkbench.analysis.UserTimeline.Timeline;
import java.util.List;
import java.util.stream.Collectors;

/** A user timeline's marks and places as the drill-down shows them: "② Add to cart", "Excluded: search". */
public final class TimelineText {
    /** Circled numbers ① to ⑳ read at a glance; later steps are written in plain digits. */
    private static final int CIRCLED_ONE = 0x2460;
    private static final int CIRCLED_MAX = 20;

    private TimelineText() {
    }

    /** "② Add to cart", "③ Coupon (optional)", "Excluded: search"; several joined with " · "; "" for none. */
    public static String marks(List<Mark> marks) {
        return marks.stream().map(TimelineText::mark).collect(Collectors.joining(" · "));
    }

    public static String mark(Mark mark) {
        return switch (mark.kind()) {
            case STEP -> number(mark.step()) + " " + mark.name();
            case OPTIONAL_STEP -> number(mark.step()) + " " + mark.name() + " (optional)";
            case EXCLUSION -> "Excluded: " + mark.name();
        };
    }

    /** ① for 1 up to ⑳ for 20, then "21.". */
    public static String number(int step) {
        return step >= 1 && step <= CIRCLED_MAX ? Character.toString(CIRCLED_ONE + step - 1) : step + ".";
    }

    /**
     * "Events of u42 around the funnel: 14 (5 before entering, 4 in the window, 5 after)." plus "; 1,200 more in
     * the window are not shown" when the window held more than the timeline keeps.
     */
    public static String summary(Timeline timeline) {
        if (timeline.entries().stream().allMatch(e -> e.place() == Place.NO_ATTEMPT)) {
            return "First events of " + timeline.user() + " (not in the funnel): "
                    + Numbers.count(timeline.entries().size()) + ".";
        }
        String counts = Numbers.count(timeline.entries().size()) + " (" + count(timeline, Place.BEFORE_ENTRY)
                + " before entering, " + count(timeline, Place.IN_WINDOW) + " in the window, "
                + count(timeline, Place.AFTER_WINDOW) + " after)";
        String leftOut = timeline.leftOut() == 0 ? "" : "; " + Numbers.count(timeline.leftOut())
                + " more in the window are not shown";
        return "Events of " + timeline.user() + " around the funnel: " + counts + leftOut + ".";
    }

    private static String count(Timeline timeline, Place place) {
        return Numbers.count(timeline.entries().stream().filter(e -> e.place() == place).count());
    }

    public static String place(Place place) {
        return switch (place) {
            case BEFORE_ENTRY -> "Before entry";
            case IN_WINDOW -> "In window";
            case AFTER_WINDOW -> "After window";
            case NO_ATTEMPT -> "Not in the funnel";
        };
    }
}
