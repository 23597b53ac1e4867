package io.funnelworkbench.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.analysis.UserTimeline.Entry;
import io.funnelworkbench.analysis.UserTimeline.Mark;
import io.funnelworkbench.analysis.UserTimeline.MarkKind;
import io.funnelworkbench.analysis.UserTimeline.Place;
import io.funnelworkbench.analysis.UserTimeline.Timeline;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTextTest {
    @Test
    void marksReadAsCircledStepNumbersUpToTwentyThenPlainDigits() {
        assertThat(TimelineText.marks(List.of(new Mark(MarkKind.STEP, 2, "Add to cart")))).isEqualTo("② Add to cart");
        assertThat(TimelineText.marks(List.of(new Mark(MarkKind.OPTIONAL_STEP, 3, "Coupon"),
                new Mark(MarkKind.EXCLUSION, 0, "search")))).isEqualTo("③ Coupon (optional) · Excluded: search");
        assertThat(TimelineText.number(20)).isEqualTo("⑳");
        assertThat(TimelineText.number(21)).isEqualTo("21.");
        assertThat(TimelineText.marks(List.of())).isEmpty();
    }

    @Test
    void theSummaryCountsEachPlaceAndWhatWasLeftOut() {
        Entry before = new Entry(0, "view", Place.BEFORE_ENTRY, List.of(), List.of());
        Entry in = new Entry(1, "view", Place.IN_WINDOW, List.of(), List.of());
        assertThat(TimelineText.summary(new Timeline("u1", List.of(), List.of(before, in, in), 1_200)))
                .isEqualTo("Events of u1 around the funnel: 3 (1 before entering, 2 in the window, 0 after); 1,200"
                        + " more in the window are not shown.");
        Entry none = new Entry(0, "view", Place.NO_ATTEMPT, List.of(), List.of());
        assertThat(TimelineText.summary(new Timeline("u2", List.of(), List.of(none), 0)))
                .isEqualTo("First events of u2 (not in the funnel): 1.");
    }
}
