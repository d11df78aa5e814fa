package dev.imagerestore.models.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlaneOpsTest {

    @Test
    void largestNeighbourStepLooksAtTheFourNeighboursInsideThePlane() {
        float[] plane = {
            0, 0, 0, 0,
            0, 10, 0, 0,
            0, 0, 0, 3
        };

        assertThat(PlaneOps.largestNeighbourStep(plane, 3, 4)).containsExactly(0, 10, 0, 0, 10, 10, 10, 3, 0, 10, 3, 3);
    }

    @Test
    void largestNeighbourStepOfASinglePixelIsZeroAndAWrongSizeIsNamed() {
        assertThat(PlaneOps.largestNeighbourStep(new float[] {7}, 1, 1)).containsExactly(0);
        assertThatThrownBy(() -> PlaneOps.largestNeighbourStep(new float[6], 2, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a plane of 6 samples is not 2 x 2");
    }
}
