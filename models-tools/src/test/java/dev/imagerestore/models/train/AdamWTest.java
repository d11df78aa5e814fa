package dev.imagerestore.models.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.imagerestore.models.runtime.TorchThreads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AdamWTest {

    @BeforeAll
    static void threads() {
        TorchThreads.configure(1);
    }

    /** y = w . x + b with w = (0.5, 0.25), b = 0.125. */
    private static Linear unit(NDManager manager) {
        Linear linear = Linear.builder().setUnits(1).build();
        linear.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
        try (NoGrad ignored = new NoGrad()) {
            linear.getParameters().get("weight").getArray().set(new float[] {0.5f, 0.25f});
            linear.getParameters().get("bias").getArray().set(new float[] {0.125f});
        }
        return linear;
    }

    private static void backward(NDManager manager, Linear linear, float[] x) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray input = manager.create(x, new Shape(1, 2));
            NDArray y = linear.forward(new ParameterStore(manager, false), new NDList(input), true)
                    .head();
            collector.backward(y.sum());
        }
    }

    @Test
    void firstUpdateMovesEachWeightByTheLearningRateAgainstItsGradientSignPlusDecoupledDecay() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Linear linear = unit(manager);
            AdamW adam = new AdamW(linear.getParameters(), manager, 0.01);
            backward(manager, linear, new float[] {1f, -2f});

            double norm = adam.step(1, 0.1, 10.0);

            // gradients: w -> x = (1, -2), b -> 1; Adam's bias-corrected first step is the sign
            assertThat(norm).isCloseTo(Math.sqrt(6), within(1e-6));
            float[] w = linear.getParameters().get("weight").getArray().toFloatArray();
            float[] b = linear.getParameters().get("bias").getArray().toFloatArray();
            assertThat(w[0]).isCloseTo(0.5f - 0.1f * (1f + 0.01f * 0.5f), within(1e-6f));
            assertThat(w[1]).isCloseTo(0.25f - 0.1f * (-1f + 0.01f * 0.25f), within(1e-6f));
            assertThat(b[0]).as("no decay on 1-D parameters").isCloseTo(0.125f - 0.1f, within(1e-6f));
            Parameter weight = linear.getParameters().get("weight");
            assertThat(weight.getArray().getGradient().toFloatArray()).containsOnly(0f);
        }
    }

    @Test
    void aNonFiniteGradientIsRefusedBeforeAnyWeightChangesAndTheErrorNamesTheFix() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Linear linear = unit(manager);
            AdamW adam = new AdamW(linear.getParameters(), manager, 0.01);
            backward(manager, linear, new float[] {Float.NaN, 1f});

            assertThatThrownBy(() -> adam.step(7, 0.1, 1.0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("gradient norm is NaN at update 7")
                    .hasMessageContaining("no weight was changed")
                    .hasMessageContaining("recomputed from the same batch");
            assertThat(linear.getParameters().get("weight").getArray().toFloatArray())
                    .containsExactly(0.5f, 0.25f);
            assertThat(linear.getParameters().get("bias").getArray().toFloatArray())
                    .containsExactly(0.125f);
        }
    }
}
