package io.funnelworkbench.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.model.TimeStats;
import io.funnelworkbench.model.TimeStats.HistogramBin;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.text.Text;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TimeToConvertChartTest {
    private static final TimeStats STATS = new TimeStats(5, 120.0, 200.0, 600.0, List.of(
            new HistogramBin(0, 60.0, 1), new HistogramBin(60, 3_600.0, 3), new HistogramBin(3_600, 86_400.0, 1),
            new HistogramBin(86_400, 604_800.0, 0), new HistogramBin(604_800, 2_592_000.0, 0),
            new HistogramBin(2_592_000, null, 0)));

    @BeforeAll
    static void start() throws Exception {
        ChartFixtures.startToolkit();
    }

    @Test
    void binsPastTheWindowThatNobodyCanReachAreLeftOut() {
        assertThat(labels(Double.POSITIVE_INFINITY)).contains("1d–7d", "7d–30d", "30d+");
        assertThat(labels(86_400)).contains("1h–1d").doesNotContain("1d–7d", "7d–30d", "30d+");
        // A time of exactly the window counts, so a bin that starts there stays when somebody is in it.
        assertThat(labels(3_600)).contains("1h–1d").doesNotContain("1d–7d");
    }

    private static List<String> labels(double window) {
        TimeToConvertChart chart = new TimeToConvertChart();
        chart.setStats(STATS, "A → B", window);
        List<Node> nodes = chart.draw(900, 400);
        return nodes.stream().filter(Text.class::isInstance).map(n -> ((Text) n).getText()).toList();
    }
}
