package io.funnelworkbench.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.analysis.WindowCheck;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WindowAdviceTextTest {
    private static final WindowCheck.Advice SHORT = new WindowCheck.Advice(WindowCheck.Finding.WINDOW_TOO_SHORT,
            Duration.ofDays(7), 0.125, 0.75, 25, Duration.ofDays(30), 0, 0);
    private static final WindowCheck.Advice OPEN = new WindowCheck.Advice(
            WindowCheck.Finding.MOSTLY_STILL_IN_WINDOW, Duration.ofDays(30), 0.5, 0.5, 0, null, 10, 12);

    @Test
    void theAdviceSpeaksOfUsersOrOfAccountsAsTheFunnelCounts() {
        assertThat(WindowAdviceText.sentence(SHORT)).isEqualTo("The 7-day window counts 12.5% as converted; over"
                + " all the data 75.0% convert (25 more users), 90% of them within 30 d. Try a 30-day window.");
        assertThat(WindowAdviceText.sentence(SHORT, "company_id")).contains("(25 more accounts)");
        assertThat(WindowAdviceText.sentence(OPEN, null)).startsWith("10 of the 12 users who have not converted");
        assertThat(WindowAdviceText.sentence(OPEN, "company_id"))
                .isEqualTo("10 of the 12 accounts who have not converted are still within the 30-day window when"
                        + " the data ends, so these rates may still rise.");
    }
}
