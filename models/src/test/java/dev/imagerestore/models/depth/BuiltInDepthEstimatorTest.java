package dev.imagerestore.models.depth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.io.ModelDirectory;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.schedule.NoiseSchedule;
import dev.imagerestore.models.unet.UNet;
import dev.imagerestore.models.unet.UNetConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        UNetConfig config = DepthNetwork.architecture(List.of(16, 16, 32), 1, false, 8);
        ModelCard.Training training = new ModelCard.Training(List.of(), 0, 1, H, 1e-3, 0, 0, "test", "none", 0);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            manager.getEngine().setRandomSeed(3);
            Block block = UNet.build(config);
            block.initialize(manager, DataType.FLOAT32, UNet.inputShapes(config, 1, 16));
            ModelDirectory.save(dir, block, new ModelCard(ModelCard.FORMAT, "tiny-depth", "random weights for tests",
                    config, DepthNetwork.CONDITIONS, List.of(), ModelCard.GRAYSCALE_AS_THREE_CHANNELS,
                    ModelCard.Schedule.of(NoiseSchedule.ddpmLinear()), DepthNetwork.PREDICTION, training, null,
                    Map.of()));
        }
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
