package dev.imagerestore.models.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class DepthMetricsTest {

    @Test
    void metricsMatchTheirClosedFormsOnAHandMadeCase() {
        float[] truth = {1, 2, 4, 8, 0, 20};
        float[] predicted = {1.1f, 2, 2, 8, 5, 5};
        DepthMetrics m = DepthMetrics.of(predicted, truth, 0.1, 10, DepthMetrics.Alignment.NONE);
        assertThat(m.absRel()).isCloseTo((0.1 + 0 + 0.5 + 0) / 4, within(1e-6));
        assertThat(m.rmse()).isCloseTo(Math.sqrt((0.01 + 0 + 4 + 0) / 4), within(1e-6));
        assertThat(m.delta1()).isCloseTo(0.75, within(1e-9));
        assertThat(m.scale()).isEqualTo(1.0);
    }

    @Test
    void medianAlignmentRemovesAGlobalScale() {
        float[] truth = {1, 2, 3, 4, 5};
        float[] predicted = {0.5f, 1, 1.5f, 2, 2.5f};
        DepthMetrics m = DepthMetrics.of(predicted, truth, 0.1, 10, DepthMetrics.Alignment.MEDIAN);
        assertThat(m.scale()).isCloseTo(2.0, within(1e-6));
        assertThat(m.absRel()).isCloseTo(0, within(1e-6));
        assertThat(m.delta1()).isEqualTo(1.0);
        DepthMetrics mean =
                DepthMetrics.mean(List.of(m, DepthMetrics.of(predicted, truth, 0.1, 10, DepthMetrics.Alignment.NONE)));
        assertThat(mean.absRel()).isCloseTo(0.25, within(1e-6));
    }
}
