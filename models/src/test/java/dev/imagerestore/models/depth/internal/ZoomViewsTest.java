package dev.imagerestore.models.depth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ZoomViewsTest {

    private static final int H = 12;
    private static final int W = 16;

    /** log depth 0.02 x + 0.05 y + 1: linear, so bilinear sampling inside the plane is exact. */
    private static float[] ramp() {
        float[] plane = new float[H * W];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                plane[y * W + x] = 0.02f * x + 0.05f * y + 1;
            }
        }
        return plane;
    }

    @Test
    void theWholeInputComesFirstThenTheCornerAndCentreWindowsResampledAsTrainingZooms() {
        ZoomViews views = new ZoomViews(H, W, 1.25);
        float[] out = views.views(ramp(), 1);

        assertThat(views.count()).isEqualTo(6);
        assertThat(out).hasSize(6 * H * W);
        for (int i = 0; i < H * W; i++) {
            assertThat(out[i]).isEqualTo(ramp()[i]);
        }
        // the centre window (third) starts at ((16 - 12.8) / 2, (12 - 9.6) / 2) = (1.6, 1.2):
        // its pixel (y, x) samples the input at (1.2 + (y + 0.5) / 1.25 - 0.5, 1.6 + (x + 0.5) / 1.25 - 0.5)
        int centre = 3 * H * W;
        double sx = 1.6 + 5.5 / 1.25 - 0.5;
        double sy = 1.2 + 4.5 / 1.25 - 0.5;
        assertThat(out[centre + 4 * W + 5]).isCloseTo((float) (0.02 * sx + 0.05 * sy + 1), within(1e-6f));
        // the bottom-right window (last) ends at the input's corner: its last pixel samples (11.1, 15.1),
        // clamped to the input's last pixel as the training's resampling clamps
        int last = 5 * H * W;
        assertThat(out[last + (H - 1) * W + W - 1]).isCloseTo(out[H * W - 1], within(1e-6f));
        assertThat(out[last + (H - 2) * W + W - 2]).isCloseTo(1 + 0.02f * 14.3f + 0.05f * 10.3f, within(1e-6f));
    }

    @Test
    void anEstimatorTrueToTheZoomAugmentationIsMergedBackUnchanged() {
        float[] truth = ramp();
        ZoomViews views = new ZoomViews(H, W, 1.25);
        float[] estimates = views.views(truth, 1);
        float shift = (float) Math.log(1.25);
        for (int i = H * W; i < estimates.length; i++) {
            estimates[i] -= shift; // what training taught: a window's depths divided by its zoom
        }

        float[] merged = views.merge(estimates);

        // exact where every covering window's pixel maps inside it; within half a window pixel at edges
        assertThat(merged[6 * W + 8]).isCloseTo(truth[6 * W + 8], within(1e-5f));
        for (int i = 0; i < merged.length; i++) {
            assertThat(merged[i]).as("pixel %d", i).isCloseTo(truth[i], within(0.02f));
        }
    }

    @Test
    void aConstantEstimateStaysConstantPlusTheZoomOfTheWindowsThatCoverIt() {
        ZoomViews views = new ZoomViews(H, W, 1.5);
        float[] estimates = new float[views.count() * H * W];
        java.util.Arrays.fill(estimates, 0.7f);

        float[] merged = views.merge(estimates);

        // the top-left pixel: the whole frame and the top-left window (the centre window starts at 2 rows, 2.67
        // columns)
        assertThat(merged[0]).isCloseTo((float) ((0.7 + 0.7 + Math.log(1.5)) / 2), within(1e-6f));
        // the middle pixel: the whole frame and all five windows
        assertThat(merged[6 * W + 8]).isCloseTo((float) ((0.7 + 5 * (0.7 + Math.log(1.5))) / 6), within(1e-6f));
    }

    @Test
    void refusesAZoomOutsideTheAugmentationRangeAndPlanesOfTheWrongSize() {
        assertThatThrownBy(() -> new ZoomViews(H, W, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(1, 2]")
                .hasMessageContaining("1.0");
        ZoomViews views = new ZoomViews(H, W, 1.25);
        assertThatThrownBy(() -> views.views(new float[H * W], 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3x12x16");
        assertThatThrownBy(() -> views.merge(new float[H * W]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("6x12x16");
    }
}
