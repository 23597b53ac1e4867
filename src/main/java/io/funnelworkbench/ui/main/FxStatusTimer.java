package io.funnelworkbench.ui.main;

import static javafx.util.Duration.millis;

import java.time.Duration;
import javafx.animation.PauseTransition;

/** A {@link StatusTimer} on the JavaFX animation clock. */
final class FxStatusTimer implements StatusTimer {
    @Override
    public void after(Duration delay, Runnable action) {
        PauseTransition pause = new PauseTransition(millis(delay.toMillis()));
        pause.setOnFinished(e -> action.run());
        pause.play();
    }
}
