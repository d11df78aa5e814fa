package dev.imagerestore.models.depth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.testing.TinyDepthEstimator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltInDepthEstimatorTest {

    private static final int H = 16;
    private static final int W = 24;

    @TempDir
    static Path dir;

    @BeforeAll
    static void randomEstimator() throws IOException {
        TorchThreads.configure(1);
        TinyDepthEstimator.write(dir, H);
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

    @Test
    void theEstimateAveragesTheImageAndItsMirrorSoMirroringTheInputMirrorsTheDepth() throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        float[] rgb = new float[3 * H * W];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (float) random.nextDouble();
        }
        try (DepthEstimator estimator = DepthEstimators.load(dir)) {
            float[] depth = estimator.estimate(FloatImage.wrap(3, H, W, 8, rgb)).values();
            float[] ofMirror = estimator.estimate(FloatImage.wrap(3, H, W, 8, mirrored(rgb, 3))).values();

            float[] expected = mirrored(depth, 1);
            for (int i = 0; i < depth.length; i++) {
                assertThat(ofMirror[i]).as("pixel %d", i).isCloseTo(expected[i], within(1e-4f * expected[i]));
            }
            double asymmetry = 0;
            for (int i = 0; i < depth.length; i++) {
                asymmetry = Math.max(asymmetry, Math.abs(depth[i] - expected[i]) / expected[i]);
            }
            assertThat(asymmetry).as("the depth of a random image is not itself mirror-symmetric").isGreaterThan(1e-3);
        }
    }
}
