package dev.imagerestore.models.depth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.testing.TinyDepthEstimator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BuiltInDepthEstimatorTest {

    private static final int H = 16;
    private static final int W = 24;

    @TempDir
    static Path dir;

    @TempDir
    static Path withViews;

    @BeforeAll
    static void randomEstimators() throws IOException {
        TorchThreads.configure(1);
        TinyDepthEstimator.write(dir, H);
        TinyDepthEstimator.write(withViews, H, new ModelCard.TestTimeViews(1.25));
    }

    private static float[] mirrored(float[] planes, int channels) {
        float[] out = new float[planes.length];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    out[(c * H + y) * W + x] = planes[(c * H + y) * W + (W - 1 - x)];
                }
            }
        }
        return out;
    }

    private static float[] randomImage() {
        SplittableRandom random = new SplittableRandom(5);
        float[] rgb = new float[3 * H * W];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (float) random.nextDouble();
        }
        return rgb;
    }

    /** The corner windows of the test-time views swap under a mirror and the centre one maps onto itself. */
    @ParameterizedTest(name = "test-time views {0}")
    @ValueSource(booleans = {false, true})
    void theEstimateAveragesTheImageAndItsMirrorSoMirroringTheInputMirrorsTheDepth(boolean views) throws IOException {
        float[] rgb = randomImage();
        try (DepthEstimator estimator = DepthEstimators.load(views ? withViews : dir)) {
            float[] depth = estimator.estimate(FloatImage.wrap(3, H, W, 8, rgb)).values();
            float[] ofMirror = estimator
                    .estimate(FloatImage.wrap(3, H, W, 8, mirrored(rgb, 3)))
                    .values();

            float[] expected = mirrored(depth, 1);
            for (int i = 0; i < depth.length; i++) {
                assertThat(ofMirror[i]).as("pixel %d", i).isCloseTo(expected[i], within(1e-4f * expected[i]));
            }
            double asymmetry = 0;
            for (int i = 0; i < depth.length; i++) {
                asymmetry = Math.max(asymmetry, Math.abs(depth[i] - expected[i]) / expected[i]);
            }
            assertThat(asymmetry)
                    .as("the depth of a random image is not itself mirror-symmetric")
                    .isGreaterThan(1e-3);
        }
    }

    @Test
    void aCardWithTestTimeViewsMergesTheWindowsIntoTheEstimate() throws IOException {
        FloatImage image = FloatImage.wrap(3, H, W, 8, randomImage());
        try (DepthEstimator plain = DepthEstimators.load(dir);
                DepthEstimator viewed = DepthEstimators.load(withViews)) {
            float[] whole = plain.estimate(image).values();
            float[] merged = viewed.estimate(image).values();

            assertThat(plain.describe()).endsWith("; flip)");
            assertThat(viewed.describe()).endsWith("; flip and 5 windows at zoom 1.25)");
            // the same weights; the windows move the estimate
            double largestChange = 0;
            for (int i = 0; i < whole.length; i++) {
                largestChange = Math.max(largestChange, Math.abs(Math.log(merged[i] / whole[i])));
            }
            assertThat(largestChange).isGreaterThan(1e-3);
            for (float d : merged) {
                assertThat(d).isPositive().isFinite();
            }
        }
    }
}
