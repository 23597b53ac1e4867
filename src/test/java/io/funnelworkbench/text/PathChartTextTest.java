package io.funnelworkbench.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.model.PathKind;
import io.funnelworkbench.model.PathReport;
import io.funnelworkbench.model.PathRow;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathChartTextTest {
    private static final PathReport DROPPED = new PathReport(2, PathKind.AFTER_DROP_OFF, 3, 45,
            List.of(new PathRow(List.of("search", "view_item"), 12), new PathRow(List.of(), 30)), 3);

    @Test
    void theTitleAndTheFirstColumnSayWhosePathsTheyAre() {
        assertThat(PathChartText.title(DROPPED, "Add to cart", "Checkout"))
                .isEqualTo("What the 45 users who dropped after 2. Add to cart did instead");
        PathReport between = new PathReport(2, PathKind.BETWEEN, 3, 1, List.of(), 0);
        assertThat(PathChartText.title(between, "Add to cart", "Checkout"))
                .isEqualTo("What the 1 user who went on from 2. Add to cart did on the way to 3. Checkout");
        assertThat(PathChartText.whose(PathKind.BETWEEN, 2, "Add to cart", "Checkout"))
                .isEqualTo("Went on from 2. Add to cart to 3. Checkout");
    }

    @Test
    void columnsAreOrdinalsAndSharesArePercentsOfTheStepsUsers() {
        assertThat(List.of(1, 2, 3, 4, 11, 12, 13, 21, 22).stream().map(PathChartText::column).toList())
                .containsExactly("1st event", "2nd event", "3rd event", "4th event", "11th event", "12th event",
                        "13th event", "21st event", "22nd event");
        assertThat(PathChartText.usersAndShare(12, 45)).isEqualTo("12 users · 26.7%");
        assertThat(PathChartText.share(0, 0)).isEqualTo(Numbers.NONE);
    }

    @Test
    void theCaptionRepeatsTheFunnelsRulesAndAddsStepKindDepthAndTop() {
        ChartCaption funnel = new ChartCaption("Purchase funnel", "Sequential order · 7-day window", "Data: 2026");

        ChartCaption caption = PathChartText.caption(funnel, "Purchase funnel", DROPPED, "Add to cart", "Checkout",
                10);

        assertThat(caption.title()).isNull();
        assertThat(caption.rules()).isEqualTo("Purchase funnel · Sequential order · 7-day window · paths after"
                + " drop-off at step 2. Add to cart (events within the window) · up to 3 events per path · top 10"
                + " paths listed, the rest as Other paths");
        assertThat(caption.dataRange()).isEqualTo("Data: 2026");
        assertThat(PathChartText.howToRead(DROPPED)).endsWith("grey: No further events and Other paths");
    }
}
