package dev.imagerestore.models.depth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.Device;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.io.ModelFormatException;
import dev.imagerestore.models.runtime.TorchThreads;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads {@code torchscript/tiny-depth.pt}, a TorchScript archive written without PyTorch by
 * {@code make_tiny_depth.py} next to it: a 1x1 convolution, {@code depth = 0.25 r + 0.5 g + 0.125 b
 * + 0.0625}. The estimator must resize the image to the network's input, run it through PyTorch, read
 * the output in the given convention and resize it back to the image.
 */
class TorchScriptDepthEstimatorTest {

    private static final double[] WEIGHTS = {0.25, 0.5, 0.125};
    private static final double BIAS = 0.0625;

    @BeforeAll
    static void threads() {
        TorchThreads.configure(1);
    }

    @Test
    void aUniformImageGetsTheClosedFormDepthEverywhereAtItsOwnSize() throws Exception {
        float[] rgb = {0.2f, 0.6f, 1.0f};
        FloatImage image = uniform(40, 56, rgb);

        try (DepthEstimator estimator = DepthEstimators.torchScript(tinyDepth(), DepthConvention.DEPTH, 32)) {
            DepthMap depth = estimator.estimate(image);

            assertThat(depth.height()).isEqualTo(40);
            assertThat(depth.width()).isEqualTo(56);
            assertThat(depth.convention()).isEqualTo(DepthConvention.DEPTH);
            double expected = WEIGHTS[0] * rgb[0] + WEIGHTS[1] * rgb[1] + WEIGHTS[2] * rgb[2] + BIAS; // 0.5375
            for (float value : depth.values()) {
                assertThat((double) value).isCloseTo(expected, offset(1e-6));
            }
            assertThat(estimator.describe()).contains("tiny-depth.pt");
        }
    }

    @Test
    void depthFollowsTheImageAcrossTheResizeAndGrayIsFedAsThreeEqualChannels() throws Exception {
        int height = 48;
        int width = 80;
        float[] samples = new float[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                samples[y * width + x] = (float) x / (width - 1);
            }
        }
        FloatImage ramp = FloatImage.wrap(1, height, width, 8, samples);

        try (DepthEstimator estimator = DepthEstimators.torchScript(tinyDepth(), DepthConvention.DISPARITY, 64)) {
            float[] depth = estimator.estimate(ramp).values();

            double gain = WEIGHTS[0] + WEIGHTS[1] + WEIGHTS[2];
            assertThat((double) depth[0]).isCloseTo(BIAS, offset(0.02));
            assertThat((double) depth[width - 1]).isCloseTo(gain + BIAS, offset(0.02));
            for (int x = 1; x < width; x++) {
                assertThat(depth[x])
                        .as("non-decreasing along the ramp at x=%d", x)
                        .isGreaterThanOrEqualTo(depth[x - 1]);
            }
            assertThat(depth[(height - 1) * width + width / 2])
                    .as("rows are equal")
                    .isCloseTo(depth[width / 2], offset(1e-6f));
        }
    }

    @Test
    void estimatorLoadedOntoADeviceRunsThereWithTheSameResult() throws Exception {
        FloatImage image = uniform(32, 48, new float[] {0.1f, 0.3f, 0.9f});
        try (DepthEstimator byDefault = DepthEstimators.torchScript(tinyDepth(), DepthConvention.DEPTH, 32);
                DepthEstimator onCpu =
                        DepthEstimators.torchScript(tinyDepth(), DepthConvention.DEPTH, 32, Device.cpu())) {
            assertThat(onCpu.device()).isEqualTo(Device.cpu());
            assertThat(onCpu.estimate(image).values())
                    .containsExactly(byDefault.estimate(image).values());
        }
    }

    @Test
    void missingOrCorruptFilesAreRefusedNamingTheFile(@TempDir Path temp) throws Exception {
        Path missing = temp.resolve("midas.pt");
        assertThatThrownBy(() -> DepthEstimators.torchScript(missing, DepthConvention.DISPARITY, 384))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("midas.pt")
                .hasMessageContaining("not found");

        Path corrupt = Files.write(temp.resolve("broken.pt"), new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        assertThatThrownBy(() -> DepthEstimators.torchScript(corrupt, DepthConvention.DISPARITY, 384))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("broken.pt")
                .hasMessageContaining("not a TorchScript archive");
    }

    private static FloatImage uniform(int height, int width, float[] rgb) {
        float[] samples = new float[3 * height * width];
        for (int c = 0; c < 3; c++) {
            java.util.Arrays.fill(samples, c * height * width, (c + 1) * height * width, rgb[c]);
        }
        return FloatImage.wrap(3, height, width, 8, samples);
    }

    private static Path tinyDepth() throws Exception {
        return Path.of(TorchScriptDepthEstimatorTest.class
                .getResource("/torchscript/tiny-depth.pt")
                .toURI());
    }
}
