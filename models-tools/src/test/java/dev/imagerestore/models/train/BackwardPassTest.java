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
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.imagerestore.models.runtime.TorchThreads;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BackwardPassTest {

    @BeforeAll
    static void threads() {
        TorchThreads.configure(1);
    }

    /**
     * A pass over y = w . x + b whose gradient is poisoned on the first {@code poisoned} calls by
     * adding 0 * sqrt(y - y): its value is 0 (the loss stays finite), its gradient 0 / 0 = NaN.
     */
    private static BackwardPass pass(NDManager manager, Linear linear, int poisoned, int[] calls) {
        return () -> {
            boolean poison = calls[0]++ < poisoned;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray input = manager.create(new float[] {1f, -2f}, new Shape(1, 2));
                NDArray y = linear.forward(new ParameterStore(manager, false), new NDList(input), true)
                        .head()
                        .sum();
                NDArray loss = poison ? y.add(y.sub(y).sqrt().mul(0f)) : y;
                collector.backward(loss);
                return loss.getFloat();
            }
        };
    }

    private static Linear unit(NDManager manager) {
        Linear linear = Linear.builder().setUnits(1).build();
        linear.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
        return linear;
    }

    @Test
    void aTransientNonFiniteGradientIsRecomputedFromZeroAndTheUpdateGetsTheCleanGradient() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Linear linear = unit(manager);
            AdamW adam = new AdamW(linear.getParameters(), manager, 0);
            int[] calls = {0};
            List<String> lines = new ArrayList<>();

            double loss = BackwardPass.withFiniteGradient(pass(manager, linear, 1, calls), adam, 9, lines::add);

            assertThat(Double.isFinite(loss)).isTrue();
            assertThat(calls[0]).isEqualTo(2);
            assertThat(lines)
                    .singleElement()
                    .asString()
                    .startsWith("update 9: non-finite gradient from a finite loss")
                    .contains("(1 of 2)");
            // the recomputed gradient is the clean one, not NaN plus it: (1, -2) and 1
            assertThat(linear.getParameters()
                            .get("weight")
                            .getArray()
                            .getGradient()
                            .toFloatArray())
                    .containsExactly(1f, -2f);
            assertThat(adam.gradientNorm()).isCloseTo(Math.sqrt(6), within(1e-6));
        }
    }

    @Test
    void aGradientNonFiniteOnEveryTryIsHandedOnAndRefusedByTheOptimizer() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Linear linear = unit(manager);
            AdamW adam = new AdamW(linear.getParameters(), manager, 0);
            int[] calls = {0};
            List<String> lines = new ArrayList<>();

            BackwardPass.withFiniteGradient(pass(manager, linear, Integer.MAX_VALUE, calls), adam, 3, lines::add);

            assertThat(calls[0]).isEqualTo(1 + BackwardPass.MAX_RECOMPUTATIONS);
            assertThat(lines).hasSize(BackwardPass.MAX_RECOMPUTATIONS);
            assertThatThrownBy(() -> adam.step(3, 0.1, 1.0)).hasMessageContaining("gradient norm is NaN at update 3");
        }
    }

    @Test
    void aCleanPassRunsOnce() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Linear linear = unit(manager);
            AdamW adam = new AdamW(linear.getParameters(), manager, 0);
            int[] calls = {0};
            List<String> lines = new ArrayList<>();

            BackwardPass.withFiniteGradient(pass(manager, linear, 0, calls), adam, 1, lines::add);

            assertThat(calls[0]).isEqualTo(1);
            assertThat(lines).isEmpty();
        }
    }
}
