package dev.imagerestore.models.unet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.imagerestore.models.runtime.NativeArrays;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.unet.UNet;
import dev.imagerestore.models.unet.UNetConfig;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The UNet's inference path (in-place element-wise steps, intermediates released early, see
 * {@link Ops}) must compute exactly what the training path computes, and must really release memory.
 */
class InferencePathTest {

    private static final UNetConfig ATTENTION = new UNetConfig(3, 1, List.of(8, 16, 32), 2, true, 4, 0);
    private static final UNetConfig PLAIN = new UNetConfig(3, 0, List.of(8, 16, 32, 64), 2, false, 4, 3);

    @BeforeAll
    static void threads() {
        TorchThreads.configure(1);
    }

    @Test
    void inferenceForwardEqualsTrainingForwardBitForBit() {
        for (UNetConfig config : List.of(ATTENTION, PLAIN)) {
            try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
                Block block = UNet.build(config);
                block.initialize(manager, DataType.FLOAT32, UNet.inputShapes(config, 2, 16));
                int channels = config.imageChannels() + config.conditionChannels();
                NDArray x =
                        NativeArrays.create(manager, random(2 * channels * 24 * 16, 3), new Shape(2, channels, 24, 16));
                NDArray t = NativeArrays.create(manager, new float[] {12.5f, 640f});
                NDList inputs = config.labelCount() > 0
                        ? new NDList(x, t, NativeArrays.create(manager, new float[] {1, 3}))
                        : new NDList(x, t);
                float[] before = x.toFloatArray();
                float[] training = block.forward(new ParameterStore(manager, false), inputs, true)
                        .head()
                        .toFloatArray();
                float[] inference = block.forward(new ParameterStore(manager, false), inputs, false)
                        .head()
                        .toFloatArray();
                assertThat(inference).as("%s", config).containsExactly(training);
                assertThat(x.toFloatArray())
                        .as("the input is never written in place")
                        .containsExactly(before);
            }
        }
    }

    @Test
    void nearestUpsamplingRepeatsEverySampleTwiceAlongBothAxes() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray x = NativeArrays.create(manager, random(2 * 3 * 5 * 7, 4), new Shape(2, 3, 5, 7));
            NDArray up = Ops.upsampleNearest2x(x);
            assertThat(up.getShape()).isEqualTo(new Shape(2, 3, 10, 14));
            assertThat(up.toFloatArray())
                    .containsExactly(x.repeat(2, 2).repeat(3, 2).toFloatArray());
        }
    }

    @Test
    void inferencePassKeepsOnlyItsOutputAlive() {
        try (NDManager weights = NDManager.newBaseManager("PyTorch")) {
            Block block = UNet.build(PLAIN);
            block.initialize(weights, DataType.FLOAT32, UNet.inputShapes(PLAIN, 1, 16));
            ParameterStore store = new ParameterStore(weights, false);
            int trainingArrays;
            int inferenceArrays;
            try (NDManager pass = weights.newSubManager()) {
                block.forward(store, inputs(pass), true);
                trainingArrays = pass.getManagedArrays().size();
            }
            try (NDManager pass = weights.newSubManager()) {
                block.forward(store, inputs(pass), false);
                inferenceArrays = pass.getManagedArrays().size();
            }
            // The training pass keeps every intermediate for autograd; the inference pass keeps its
            // inputs, its output and a few small per-block arrays (embedding projections, affine views).
            assertThat(inferenceArrays).isLessThan(trainingArrays / 3);
        }
    }

    private static NDList inputs(NDManager manager) {
        return new NDList(
                NativeArrays.create(manager, random(3 * 32 * 32, 5), new Shape(1, 3, 32, 32)),
                NativeArrays.create(manager, new float[] {100f}),
                NativeArrays.create(manager, new float[] {2f}));
    }

    private static float[] random(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return a;
    }
}
