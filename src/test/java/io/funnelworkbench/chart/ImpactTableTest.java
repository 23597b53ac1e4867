package io.funnelworkbench.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.model.ImpactResult;
import io.funnelworkbench.model.ImpactRow;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.text.Text;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ImpactTableTest {
    @BeforeAll
    static void start() throws Exception {
        ChartFixtures.startToolkit();
    }

    @Test
    void aWideTableShowsEveryColumnAndWholeNames() {
        ImpactResult result = ChartFixtures.sample().impact();
        ImpactTable.Layout layout = ImpactTable.layout(result, 1200);
        assertThat(layout.numbers()).hasSize(6);
        assertThat(texts(result, 1200)).contains("Micro goal", "Users without", "Odds ratio", "p-value",
                "Newsletter", "Demo video", "Brochure", "Product view");
    }

    @Test
    void aNarrowTableLeavesOutTheOddsRatioAndUsersWithoutBeforeShorteningAnyName() {
        ImpactResult result = ChartFixtures.sample().impact();
        ImpactTable.Layout layout = ImpactTable.layout(result, 620);
        assertThat(layout.numbers()).extracting(c -> c.header())
                .containsExactly("Users with", "Rate with", "Rate without", "p-value");
        List<String> texts = texts(result, 620);
        assertThat(texts).contains("Newsletter", "Demo video", "Brochure", "Checkout started")
                .doesNotContain("Odds ratio", "Users without");
        assertThat(String.join(" ", texts)).contains("Widen the table, or export it, to see every column.");
        assertThat(layout.rights().get(layout.rights().size() - 1)).isLessThanOrEqualTo(620 - 12);
    }

    @Test
    void veryLongNamesAreShortenedOnlyWhenNothingElseCanGiveWay() {
        String longName = "Watched the complete product demonstration video on the pricing page";
        ImpactRow row = new ImpactRow(longName, null, 100, 20, 0.2, 900, 45, 0.05, 4.0, 4.75, 0.0001);
        ImpactResult result = new ImpactResult("Purchase", 1000, 65, List.of(row), List.of());
        assertThat(texts(result, 1200)).noneMatch(t -> t.equals(longName)).anyMatch(t -> t.endsWith("…"));
        ImpactTable.Layout wide = ImpactTable.layout(result, 1200);
        assertThat(wide.nameRight() - wide.nameLeft()).isEqualTo(280);
        assertThat(wide.numbers()).hasSize(6);
    }

    private static List<String> texts(ImpactResult result, double width) {
        ImpactTable table = new ImpactTable();
        table.setResult(result);
        List<Node> nodes = table.draw(width, table.computePrefHeight(width));
        return nodes.stream().filter(Text.class::isInstance).map(n -> ((Text) n).getText()).toList();
    }
}
