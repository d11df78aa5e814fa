package dev.imagerestore.models.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProgressWindowTest {

    @Test
    void recentLossIsTheMeanOfTheStepsSoFarUntilTheFirstLine() {
        ProgressWindow window = new ProgressWindow(100);
        assertThat(window.recentLoss()).isNaN();
        for (int step = 1; step <= 10; step++) {
            window.add(step);
            assertThat(window.lineAt(step, 100, 1e-3)).isNull();
        }
        // a checkpoint at step 10 (--checkpoint-every 10) comes before the first line at step 25
        assertThat(window.recentLoss()).isCloseTo(5.5, within(1e-12));
    }

    @Test
    void recentLossIsTheMeanOfTheLastCompletedWindow() {
        ProgressWindow window = new ProgressWindow(100);
        for (int step = 1; step <= ProgressWindow.EVERY; step++) {
            window.add(2.0);
            window.lineAt(step, 100, 1e-3);
        }
        window.add(10.0);
        window.lineAt(ProgressWindow.EVERY + 1, 100, 1e-3);
        assertThat(window.recentLoss()).isEqualTo(2.0);
    }

    @Test
    void theLineGivesStepLossAndRate() {
        ProgressWindow window = new ProgressWindow(50);
        window.add(0.25);
        assertThat(window.lineAt(1, 1, 2e-4))
                .startsWith("step 1/50 loss 0.25000 ")
                .contains("lr 2.00e-04");
    }
}
