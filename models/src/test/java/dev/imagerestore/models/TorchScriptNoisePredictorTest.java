package dev.imagerestore.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.io.ModelFormatException;
import dev.imagerestore.models.runtime.NativeArrays;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.sampler.Samplers;
import dev.imagerestore.models.schedule.NoiseSchedule;
import dev.imagerestore.models.unet.UNetConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads {@code torchscript/tiny-unet.pt}, a TorchScript archive written without PyTorch by
 * {@code make_tiny_unet.py} next to it, and checks its output against the closed form built into
 * it: {@code eps[c] = sum_k W[c][k] x[k] + BIAS[c] + T_SCALE * t} with t the int64 timestep.
 */
class TorchScriptNoisePredictorTest {

    // the constants of make_tiny_unet.py, all exact in float32
    private static final double[][] W = {{0.5, -0.25, 0.125}, {0.0, 1.0, -0.5}, {0.25, 0.25, 0.25}};
    private static final double[] BIAS = {0.125, -0.375, 0.75};
    private static final double T_SCALE = 0.0078125;

    @TempDir
    Path temp;

    @BeforeAll
    static void singleThreaded() {
        TorchThreads.configure(1);
    }

    static Path tinyUnet() throws Exception {
        return Path.of(TorchScriptNoisePredictorTest.class
                .getResource("/torchscript/tiny-unet.pt")
                .toURI());
    }

    static ModelCard card(int imageChannels, int conditionChannels) {
        UNetConfig config = new UNetConfig(imageChannels, conditionChannels, List.of(4, 8, 16), 1, false, 4, 0);
        List<String> conditions = conditionChannels == 0 ? List.of() : List.of("mask");
        return new ModelCard(
                ModelCard.FORMAT,
                "tiny-torchscript",
                "hand-written TorchScript archive",
                config,
                conditions,
                List.of(),
                ModelCard.GRAYSCALE_AS_THREE_CHANNELS,
                ModelCard.Schedule.of(NoiseSchedule.linear(10, 0.02, 0.3)),
                "eps",
                null,
                null,
                Map.of());
    }

    /** The closed form at (b, c, y, x) of an input of {@code size x size} pixels. */
    private static double expected(float[] x, int size, int b, int c, int pixel, long t) {
        double sum = BIAS[c] + T_SCALE * t;
        for (int k = 0; k < 3; k++) {
            sum += W[c][k] * x[(b * 3 + k) * size * size + pixel];
        }
        return sum;
    }

    @Test
    void predictionsMatchTheClosedFormWithTimestepsRoundedToIntegers() throws Exception {
        try (DiffusionModel model = DiffusionModel.loadTorchScript(tinyUnet(), card(3, 0));
                NoisePredictor predictor = model.newPredictor();
                NDManager manager = NDManager.newBaseManager()) {
            float[] x = new float[2 * 3 * 4 * 4];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) Math.sin(0.37 * i);
            }
            NDArray input = NativeArrays.create(manager, x, new Shape(2, 3, 4, 4));
            // 7.6 -> 8 and 2.5 -> 2 (nearest, ties to even); truncation would give 7 and 2
            NDArray t = NativeArrays.create(manager, new float[] {7.6f, 2.5f});
            NDArray eps = predictor.predictNoise(input, t, null);
            assertThat(eps.getShape()).isEqualTo(new Shape(2, 3, 4, 4));
            assertThat(eps.getManager()).isSameAs(manager);
            float[] out = eps.toFloatArray();
            long[] rounded = {8, 2};
            for (int b = 0; b < 2; b++) {
                for (int c = 0; c < 3; c++) {
                    for (int p = 0; p < 16; p++) {
                        assertThat((double) out[(b * 3 + c) * 16 + p])
                                .isCloseTo(expected(x, 4, b, c, p, rounded[b]), within(1e-6));
                    }
                }
            }
        }
    }

    @Test
    void aTorchScriptModelDrivesTheSamplers() throws Exception {
        try (DiffusionModel model = DiffusionModel.loadTorchScript(tinyUnet(), card(3, 0));
                NoisePredictor predictor = model.newPredictor();
                NDManager manager = NDManager.newBaseManager()) {
            float[] zeros = new float[3 * 4 * 4];
            NDArray xt = NativeArrays.create(manager, zeros, new Shape(1, 3, 4, 4));
            // one step from t = 4: x0 = clamp(-sqrt(1 - ab_4) eps / sqrt(ab_4)) with eps = BIAS + T_SCALE * 4
            double ab = model.schedule().alphaBar(4);
            float[] out = Samplers.ddim(model.schedule(), 1, 0)
                    .sample(predictor, xt, 4, null, null, null)
                    .toFloatArray();
            for (int c = 0; c < 3; c++) {
                double x0 = -Math.sqrt(1 - ab) * (BIAS[c] + T_SCALE * 4) / Math.sqrt(ab);
                assertThat((double) out[c * 16]).isCloseTo(Math.max(-1, Math.min(1, x0)), within(1e-6));
            }
        }
    }

    @Test
    void cardWithOtherChannelsIsRejectedNamingTheFile() throws Exception {
        Path file = tinyUnet();
        assertThatThrownBy(() -> DiffusionModel.loadTorchScript(file, card(1, 0)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("1 input channels")
                .hasMessageContaining("RuntimeError");
        assertThatThrownBy(() -> DiffusionModel.loadTorchScript(file, card(3, 1)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("4 input channels")
                .hasMessageContaining("3 image + 1 condition");
    }

    @Test
    void corruptOrTruncatedFilesAreRejectedNamingTheFile() throws Exception {
        Path garbage = temp.resolve("garbage.pt");
        Files.write(garbage, "this is not a zip archive at all".getBytes());
        assertThatThrownBy(() -> DiffusionModel.loadTorchScript(garbage, card(3, 0)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith(garbage.toString())
                .hasMessageContaining("not a TorchScript archive");
        byte[] whole = Files.readAllBytes(tinyUnet());
        Path truncated = temp.resolve("truncated.pt");
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> DiffusionModel.loadTorchScript(truncated, card(3, 0)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith(truncated.toString());
        Path missing = temp.resolve("missing.pt");
        assertThatThrownBy(() -> DiffusionModel.loadTorchScript(missing, card(3, 0)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("not found");
    }

    @Test
    void digestRecordedInTheCardIsVerified() throws Exception {
        Path copy = temp.resolve("tiny-unet.pt");
        Files.copy(tinyUnet(), copy);
        ModelCard recorded = card(3, 0).withWeights(new ModelCard.Weights("tiny-unet.pt", "00".repeat(32), 0, 13));
        assertThatThrownBy(() -> DiffusionModel.loadTorchScript(copy, recorded))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("SHA-256");
    }
}
