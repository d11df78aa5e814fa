package dev.imagerestore.models.depth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NyuRegionTest {

    /** A border-cropped 640x480 frame: 624x464. */
    private static final int WIDTH = 640 - 2 * NyuV2.BORDER;

    private static final int HEIGHT = 480 - 2 * NyuV2.BORDER;

    @Test
    void eigenKeepsRows45To470AndColumns41To600OfTheFullFrame() {
        float[] truth = new float[WIDTH * HEIGHT];
        Arrays.fill(truth, 2f);

        float[] masked = NyuRegion.EIGEN.mask(truth, WIDTH, HEIGHT);

        int kept = 0;
        for (float value : masked) {
            kept += value == 2f ? 1 : 0;
        }
        assertThat(kept).isEqualTo(426 * 560);
        // full-frame (row, column) = cropped (row + 8, column + 8)
        assertThat(at(masked, 45 - 8, 41 - 8)).isEqualTo(2f);
        assertThat(at(masked, 44 - 8, 41 - 8)).isZero();
        assertThat(at(masked, 45 - 8, 40 - 8)).isZero();
        assertThat(at(masked, 470 - 8, 600 - 8)).isEqualTo(2f);
        assertThat(at(masked, 471 - 8, 600 - 8)).isZero();
        assertThat(at(masked, 470 - 8, 601 - 8)).isZero();
        assertThat(truth).containsOnly(2f);
    }

    @Test
    void borderCroppedKeepsEveryPixelOfAnySize() {
        float[] truth = {1f, 2f, 3f, 4f, 5f, 6f};

        float[] masked = NyuRegion.BORDER_CROPPED.mask(truth, 3, 2);

        assertThat(masked).containsExactly(truth).isNotSameAs(truth);
    }

    @Test
    void eigenRefusesAFrameThatIsNot640By480() {
        assertThatThrownBy(() -> NyuRegion.EIGEN.mask(new float[304 * 224], 304, 224))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("640x480")
                .hasMessageContaining("320x240")
                .hasMessageContaining("--region border-cropped");
    }

    @Test
    void refusesAPlaneOfTheWrongLength() {
        assertThatThrownBy(() -> NyuRegion.BORDER_CROPPED.mask(new float[5], 3, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 values, not 3x2");
    }

    @Test
    void parsesItsCommandLineNamesInAnyCase() {
        assertThat(NyuRegion.parse("eigen")).isEqualTo(NyuRegion.EIGEN);
        assertThat(NyuRegion.parse("Border-Cropped")).isEqualTo(NyuRegion.BORDER_CROPPED);
        assertThat(NyuRegion.EIGEN.cliName()).isEqualTo("eigen");
        assertThatThrownBy(() -> NyuRegion.parse("border_cropped"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--region must be border-cropped or eigen, got 'border_cropped'");
    }

    private static float at(float[] plane, int row, int column) {
        return plane[row * WIDTH + column];
    }
}
