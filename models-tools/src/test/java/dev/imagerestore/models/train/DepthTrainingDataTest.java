package dev.imagerestore.models.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DepthTrainingDataTest {

    private static final int H = 12;
    private static final int W = 32;

    /** One pair: a flat grey image, log depth 0.7 + 0.3 x / (W - 1) (a wall receding to the right). */
    private static DepthTrainingData ramp() {
        float[] rgb = new float[3 * H * W];
        Arrays.fill(rgb, 0.5f);
        float[] logDepth = new float[H * W];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                logDepth[y * W + x] = 0.7f + 0.3f * x / (W - 1);
            }
        }
        return DepthTrainingData.of(List.of(rgb), List.of(logDepth), H, W);
    }

    @Test
    void aZoomResamplesAWindowAndBringsItsDepthCloser() {
        DepthTrainingData.Batch batch = ramp().sample(new SplittableRandom(4), 64, 1.5);

        double smallestRange = Double.MAX_VALUE;
        for (int b = 0; b < 64; b++) {
            for (int y = 0; y < H; y++) {
                float[] row = Arrays.copyOfRange(batch.logDepth(), (b * H + y) * W, (b * H + y + 1) * W);
                float min = Float.MAX_VALUE;
                float max = -Float.MAX_VALUE;
                for (float v : row) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                // a window of W / s pixels of the 0.3 ramp spans 0.3 / s, s in [1, 1.5]
                assertThat(max - min).isBetween(0.3f / 1.5f - 0.01f, 0.3f + 1e-5f);
                // closer by s: log depth minus log s, never above the original
                assertThat(min).isGreaterThanOrEqualTo((float) (0.7 - Math.log(1.5)) - 1e-5f);
                assertThat(max).isLessThanOrEqualTo(1.0f + 1e-5f);
                smallestRange = Math.min(smallestRange, max - min);
            }
        }
        assertThat(smallestRange).as("some draws zoom in well beyond 1").isLessThan(0.25);
        for (int b = 0; b < 64; b++) {
            float[] image = Arrays.copyOfRange(batch.rgb(), b * 3 * H * W, (b + 1) * 3 * H * W);
            float first = image[0];
            for (int c = 0; c < 3; c++) {
                float gain = image[c * H * W] / 0.5f;
                assertThat(gain).isBetween(0.72f - 1e-5f, 1.32f + 1e-5f);
                for (int k = 0; k < H * W; k++) {
                    assertThat(image[c * H * W + k]).isEqualTo(image[c * H * W]);
                }
            }
            assertThat(first).isPositive();
        }
    }

    @Test
    void withoutZoomTheDepthsAreTheStoredOnesFlippedOrNot() {
        DepthTrainingData.Batch batch = ramp().sample(new SplittableRandom(4), 16, 1);

        for (int b = 0; b < 16; b++) {
            float left = batch.logDepth()[b * H * W];
            float right = batch.logDepth()[b * H * W + W - 1];
            assertThat(Math.min(left, right)).isEqualTo(0.7f);
            assertThat(Math.max(left, right)).isEqualTo(1.0f);
        }
    }

    @Test
    void aRotationTurnsTheWindowWithinItsRangeAndZoomsInUntilItLiesInsideTheImage() {
        DepthTrainingData.Batch batch = ramp().sample(new SplittableRandom(7), 64, 1.5, 5);

        double largestTilt = 0;
        for (int b = 0; b < 64; b++) {
            int base = b * H * W;
            float[] d = batch.logDepth();
            // the ramp is affine, so bilinear samples of it are affine in (x, y) wherever no sample
            // point left the image: the differences are the same over the whole interior
            double gx = d[base + W + 2] - d[base + W + 1];
            double gy = d[base + 2 * W + 1] - d[base + W + 1];
            for (int y = 1; y < H - 2; y++) {
                for (int x = 1; x < W - 2; x++) {
                    int k = base + y * W + x;
                    assertThat((double) d[k + 1] - d[k]).isCloseTo(gx, org.assertj.core.api.Assertions.within(2e-5));
                    assertThat((double) d[k + W] - d[k]).isCloseTo(gy, org.assertj.core.api.Assertions.within(2e-5));
                }
            }
            double tilt = Math.atan(Math.abs(gy / gx));
            assertThat(Math.toDegrees(tilt)).isLessThanOrEqualTo(5 + 1e-3);
            largestTilt = Math.max(largestTilt, tilt);
            // the slope shrinks by the zoom: 0.3 / (W - 1) per pixel before it
            double zoom = 0.3 / (W - 1) / Math.hypot(gx, gy);
            double smallestInside = Math.cos(tilt) + Math.sin(tilt) * W / H;
            assertThat(zoom).isBetween(smallestInside - 1e-3, 1.5 + 1e-3);
        }
        assertThat(Math.toDegrees(largestTilt))
                .as("some draws turn by several degrees")
                .isGreaterThan(3);
    }

    @Test
    void withoutRotationTheDrawsAreThoseOfTheZoomOnlySample() {
        DepthTrainingData.Batch zoomOnly = ramp().sample(new SplittableRandom(4), 8, 1.5);
        DepthTrainingData.Batch noRotation = ramp().sample(new SplittableRandom(4), 8, 1.5, 0);

        assertThat(noRotation.logDepth()).containsExactly(zoomOnly.logDepth());
        assertThat(noRotation.rgb()).containsExactly(zoomOnly.rgb());
    }

    @Test
    void aZoomBelowOneIsRefused() {
        assertThatThrownBy(() -> ramp().sample(new SplittableRandom(1), 1, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.5");
    }
}
