package dev.imagerestore.models.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.imagerestore.models.runtime.NativeArrays;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.schedule.NoiseSchedule;
import dev.imagerestore.models.testing.ClosedFormPredictor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DDIM inversion against golden values, computed in double precision with python3 for the schedule
 * and grid of {@link SamplerTest} ({@code linear(10, 0.02, 0.3)}, end t = 7.5, 3 steps: the
 * timesteps -1, 2, 5, 7.5 upwards), x0 = [-0.6, 0.1, 0.5, 0.3]. Per stride s -> t:
 * eps = f(x_s) (refined: f(x_t) of the previous x_t), x_t = sqrt(ab_t)(x_s - sqrt(1 - ab_s) eps)/sqrt(ab_s)
 * + sqrt(1 - ab_t) eps.
 */
class DdimInversionTest {

    private static final float[] X0 = {-0.6f, 0.1f, 0.5f, 0.3f};
    private static final Shape SHAPE = new Shape(1, 1, 2, 2);
    private static final NoiseSchedule SCHEDULE = NoiseSchedule.linear(10, 0.02, 0.3);

    private NDManager manager;

    @BeforeAll
    static void singleThreaded() {
        TorchThreads.configure(1);
    }

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private NDArray invert(ClosedFormPredictor predictor, int refinements) {
        return DdimInversion.of(SCHEDULE, 3, refinements)
                .invert(predictor, NativeArrays.create(manager, X0, SHAPE), 7.5, null, null);
    }

    private static float maxError(float[] actual) {
        float max = 0;
        for (int i = 0; i < actual.length; i++) {
            max = Math.max(max, Math.abs(actual[i] - X0[i]));
        }
        return max;
    }

    @Test
    void constantNoiseInvertsToTheForwardProcessAndDecodesBackExactly() {
        ClosedFormPredictor predictor = ClosedFormPredictor.constant(1, 0.3f);
        NDArray xt = invert(predictor, 0);
        // sqrt(ab_7.5) x0 + sqrt(1 - ab_7.5) 0.3: the stride formula keeps x0 exact for constant noise
        assertClose(
                xt.toFloatArray(), -0.05993486784868973, 0.3078018745203858, 0.5179371558741434, 0.4128695151972646);
        float[] back = Samplers.ddim(SCHEDULE, 3, 0)
                .sample(predictor, xt, 7.5, null, null, null)
                .toFloatArray();
        assertThat(back).containsExactly(X0, within(1e-6f));
    }

    @Test
    void proportionalNoiseMatchesTheStrideFormulaWithAndWithoutRefinement() {
        assertClose(
                invert(ClosedFormPredictor.proportional(1, 0.5f), 0).toFloatArray(),
                -0.5900570087782102,
                0.0983428347963684,
                0.4917141739818419,
                0.2950285043891051);
        assertClose(
                invert(ClosedFormPredictor.proportional(1, 0.5f), 1).toFloatArray(),
                -0.5873781112223816,
                0.09789635187039694,
                0.4894817593519848,
                0.2936890556111908);
    }

    @Test
    void refinementsBringTheRoundTripCloserToTheInput() {
        ClosedFormPredictor predictor = ClosedFormPredictor.proportional(1, 0.5f);
        Sampler ddim = Samplers.ddim(SCHEDULE, 3, 0);
        float plain = maxError(ddim.sample(predictor, invert(predictor, 0), 7.5, null, null, null)
                .toFloatArray());
        float once = maxError(ddim.sample(predictor, invert(predictor, 1), 7.5, null, null, null)
                .toFloatArray());
        float thrice = maxError(ddim.sample(predictor, invert(predictor, 3), 7.5, null, null, null)
                .toFloatArray());
        // python3: 3.24e-3, 5.0e-4, 6.8e-6
        assertThat(plain).isCloseTo(3.237e-3f, within(1e-5f));
        assertThat(once).isCloseTo(4.985e-4f, within(1e-5f));
        assertThat(thrice).isLessThan(2e-5f);
    }

    @Test
    void theNetworkSeesTheDecodersTimestepsUpwardsWithTheConditions() {
        ClosedFormPredictor predictor = ClosedFormPredictor.proportional(1, 0.5f);
        NDArray x0 = NativeArrays.create(manager, new float[8], new Shape(2, 1, 2, 2));
        NDArray conditions = NativeArrays.create(manager, new float[16], new Shape(2, 2, 2, 2));
        NDArray labels = NativeArrays.create(manager, new float[] {1, 2});
        DdimInversion.of(SCHEDULE, 3, 1).invert(predictor, x0, 7.5, conditions, labels);
        assertThat(predictor.calls()).hasSize(6).allSatisfy(call -> {
            assertThat(call.inputChannels()).isEqualTo(3);
            assertThat(call.labelled()).isTrue();
        });
        float[] first = {2f, 2f, 2f, 2f, 5f, 5f, 5f, 5f, 7.5f, 7.5f, 7.5f, 7.5f};
        for (int i = 0; i < 6; i++) {
            assertThat(predictor.calls().get(i).timesteps()).containsExactly(first[2 * i], first[2 * i + 1]);
        }
        assertThat(DdimInversion.of(SCHEDULE, 3, 0).timesteps(7.5)).containsExactly(7.5, 5, 2, -1);
    }

    @Test
    void theInputIsUntouchedAndTheResultOnItsManager() {
        NDArray x0 = NativeArrays.create(manager, X0, SHAPE);
        NDArray xt =
                DdimInversion.of(SCHEDULE, 3, 1).invert(ClosedFormPredictor.constant(1, 0.3f), x0, 7.5, null, null);
        assertThat(x0.toFloatArray()).containsExactly(X0);
        assertThat(xt.getManager()).isSameAs(manager);
        NDArray clean =
                DdimInversion.of(SCHEDULE, 3, 0).invert(ClosedFormPredictor.constant(1, 0.3f), x0, -1, null, null);
        assertThat(clean.toFloatArray())
                .as("end at the clean image: nothing to invert")
                .containsExactly(X0);
    }

    @Test
    void invalidArgumentsAreRejectedWithTheValue() {
        assertThatThrownBy(() -> DdimInversion.of(SCHEDULE, 0, 0)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> DdimInversion.of(SCHEDULE, 3, -1)).hasMessageContaining("[0, 10], got -1");
        assertThatThrownBy(() -> invertTo(12)).hasMessageContaining("start timestep 12.0 is outside [-1, 9]");
    }

    private void invertTo(double endT) {
        DdimInversion.of(SCHEDULE, 3, 0)
                .invert(ClosedFormPredictor.constant(1, 0f), NativeArrays.create(manager, X0, SHAPE), endT, null, null);
    }

    private static void assertClose(float[] actual, double... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("element %d", i).isCloseTo(expected[i], within(1e-5));
        }
    }
}
