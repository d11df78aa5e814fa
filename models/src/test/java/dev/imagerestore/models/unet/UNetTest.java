package dev.imagerestore.models.unet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.imagerestore.models.runtime.NativeArrays;
import dev.imagerestore.models.runtime.TorchThreads;
import java.nio.DoubleBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UNetTest {

    private static final UNetConfig TINY = new UNetConfig(3, 0, List.of(8, 16, 32), 1, true, 4, 0);

    @BeforeAll
    static void threads() {
        TorchThreads.configure(1);
    }

    @Test
    void predictsNoiseOfTheImageChannelsOnly() {
        UNetConfig conditioned = TINY.withConditionChannels(2);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Block block = UNet.build(conditioned);
            block.initialize(manager, DataType.FLOAT32, UNet.inputShapes(conditioned, 1, 16));
            NDArray x = NativeArrays.create(manager, random(2 * 5 * 16 * 16, 1), new Shape(2, 5, 16, 16));
            NDArray t = NativeArrays.create(manager, new float[] {3.5f, 700f});
            NDArray eps = block.forward(new ParameterStore(manager, false), new NDList(x, t), false)
                    .head();
            assertThat(eps.getShape()).isEqualTo(new Shape(2, 3, 16, 16));
            assertThat(eps.isNaN().any().getBoolean()).isFalse();
        }
    }

    @Test
    void labelConditionedModelTakesALabelPerItem() {
        UNetConfig labelled = TINY.withLabelCount(3);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Block block = UNet.build(labelled);
            block.initialize(manager, DataType.FLOAT32, UNet.inputShapes(labelled, 1, 8));
            NDArray x = NativeArrays.create(manager, random(2 * 3 * 8 * 8, 2), new Shape(2, 3, 8, 8));
            NDArray t = NativeArrays.create(manager, new float[] {10f, 10f});
            ParameterStore store = new ParameterStore(manager, false);
            NDArray a = block.forward(store, new NDList(x, t, NativeArrays.create(manager, new float[] {0, 0})), false)
                    .head();
            NDArray b = block.forward(store, new NDList(x, t, NativeArrays.create(manager, new float[] {0, 3})), false)
                    .head();
            assertThat(a.get(0).toFloatArray()).containsExactly(b.get(0).toFloatArray());
            assertThat(a.get(1).sub(b.get(1)).abs().max().getFloat()).isGreaterThan(0f);
        }
    }

    @Test
    void configRejectsWidthsNotDivisibleByGroups() {
        assertThatThrownBy(() -> new UNetConfig(3, 0, List.of(8, 12, 32), 1, false, 8, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiple of groups=8")
                .hasMessageContaining("[8, 12, 32]");
    }

    /**
     * Guards against wrong backward kernels: the float32 gradients of every parameter must agree with
     * a float64 reference. oneDNN 3.7.1's AVX-512 backward-data kernel for 3x3 convolutions with fewer
     * than 16 output channels returned garbage (NaN included) here, which silently broke training.
     */
    @Test
    void float32GradientsMatchAFloat64Reference() {
        UNetConfig config = new UNetConfig(3, 0, List.of(16, 16, 32), 1, false, 8, 0);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Block single = initialised(config, manager, DataType.FLOAT32);
            Block reference = initialised(config, manager, DataType.FLOAT64);
            ParameterList from = single.getParameters();
            ParameterList to = reference.getParameters();
            for (int i = 0; i < from.size(); i++) {
                double[] values = from.get(i)
                        .getValue()
                        .getArray()
                        .toType(DataType.FLOAT64, true)
                        .toDoubleArray();
                to.get(i).getValue().getArray().set(DoubleBuffer.wrap(values));
            }
            NDArray x = NativeArrays.create(manager, random(4 * 3 * 32 * 32, 3), new Shape(4, 3, 32, 32));
            NDArray t = NativeArrays.create(manager, new float[] {1f, 10f, 100f, 900f});
            gradients(single, manager, x, t);
            gradients(reference, manager, x.toType(DataType.FLOAT64, true), t.toType(DataType.FLOAT64, true));
            for (int i = 0; i < from.size(); i++) {
                NDArray g32 = from.get(i).getValue().getArray().getGradient().toType(DataType.FLOAT64, true);
                NDArray g64 = to.get(i).getValue().getArray().getGradient();
                double scale = Math.max(1e-12, g64.abs().max().getDouble());
                double error = g32.sub(g64).abs().max().getDouble() / scale;
                assertThat(error)
                        .as("relative gradient error of %s", from.get(i).getKey())
                        .isLessThan(1e-3);
            }
        }
    }

    private static Block initialised(UNetConfig config, NDManager manager, DataType type) {
        Block block = UNet.build(config);
        block.initialize(manager, type, UNet.inputShapes(config, 1, 32));
        for (Parameter p : block.getParameters().values()) {
            p.getArray().setRequiresGradient(true);
        }
        return block;
    }

    private static void gradients(Block block, NDManager manager, NDArray x, NDArray t) {
        try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray out = block.forward(new ParameterStore(manager, false), new NDList(x, t), true)
                    .head();
            collector.backward(out.square().mean());
        }
    }

    static float[] random(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return values;
    }
}
