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
import dev.imagerestore.models.testing.FixedNoise;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DDIM and DDPM-ancestral updates against golden values. The literals were computed in double
 * precision with python3 from the closed forms (Ho et al. 2020 eq. 6-7, Song et al. 2021 eq. 12),
 * for the schedule {@code linear(10, 0.02, 0.3)} (ab_t = prod (1 - beta_s), log-linear between
 * steps), x_t = [-0.8, 0.1, 0.9, 0.4] as (1, 1, 2, 2), start t = 7.5 and 3 steps, i.e. the visited
 * timesteps 7.5, 5, 2, -1. Per stride t -> s with x0 = clamp((x - sqrt(1 - ab_t) eps)/sqrt(ab_t)):
 * DDIM: eps' = (x - sqrt(ab_t) x0)/sqrt(1 - ab_t), sigma = eta sqrt((1 - ab_s)/(1 - ab_t) (1 - ab_t/ab_s)),
 * x_s = sqrt(ab_s) x0 + sqrt(1 - ab_s - sigma^2) eps' + sigma z; ancestral: alpha = ab_t/ab_s,
 * x_s = sqrt(ab_s)(1 - alpha)/(1 - ab_t) x0 + sqrt(alpha)(1 - ab_s)/(1 - ab_t) x + sqrt((1 - ab_s)/(1 - ab_t)(1 - alpha)) z;
 * the last stride returns x0.
 */
class SamplerTest {

    private static final float[] XT = {-0.8f, 0.1f, 0.9f, 0.4f};
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

    private float[] run(Sampler sampler, ClosedFormPredictor predictor, NoiseSource noise) {
        NDArray xt = NativeArrays.create(manager, XT, SHAPE);
        return sampler.sample(predictor, xt, 7.5, null, null, noise).toFloatArray();
    }

    @Test
    void ddimWithConstantNoisePredictionMatchesTheUpdateFormula() {
        float[] out = run(Samplers.ddim(SCHEDULE, 3, 0), ClosedFormPredictor.constant(1, 0.3f), null);
        // the clamp to [-1, 1] is active for the first and third pixel
        assertClose(out, -1.0, -0.295558276899835, 1.0, 0.27550241898579786);
    }

    @Test
    void ddimWithProportionalNoisePredictionMatchesTheUpdateFormula() {
        float[] out = run(Samplers.ddim(SCHEDULE, 3, 0), ClosedFormPredictor.proportional(1, 0.5f), null);
        assertClose(out, -0.8178698577980432, 0.1022337322247554, 0.9201035900227986, 0.4089349288990216);
    }

    @Test
    void ddimWithEtaAddsScaledNoise() {
        float[] out =
                run(Samplers.ddim(SCHEDULE, 3, 0.5), ClosedFormPredictor.constant(1, 0.3f), FixedNoise.constant(0.5f));
        assertClose(out, -1.0, -0.049499656048216205, 1.0, 0.5215610398374165);
    }

    @Test
    void ancestralSamplingMatchesThePosteriorFormula() {
        FixedNoise noise = FixedNoise.constant(-0.25f);
        float[] out = run(Samplers.ancestral(SCHEDULE, 3), ClosedFormPredictor.proportional(1, 0.5f), noise);
        assertClose(out, -0.8270631349221468, -0.10706188984101056, 0.532939216897777, 0.13293852518603483);
        // no noise is drawn for the last stride, which returns the clean estimate
        assertThat(noise.steps()).containsExactly(0, 1);
    }

    @Test
    void ddimWithEtaOneIsAncestralSampling() {
        NoiseSource noise = NoiseSources.counterBased(3);
        float[] ddim = run(Samplers.ddim(SCHEDULE, 3, 1), ClosedFormPredictor.proportional(1, 0.5f), noise);
        float[] ancestral = run(Samplers.ancestral(SCHEDULE, 3), ClosedFormPredictor.proportional(1, 0.5f), noise);
        for (int i = 0; i < ddim.length; i++) {
            assertThat(ddim[i]).isCloseTo(ancestral[i], within(1e-5f));
        }
    }

    @Test
    void oneStepIsTheClampedTweedieEstimate() {
        // ab(4) = 0.6474221780265205; x0 = clamp((x - sqrt(1 - ab) 0.3)/sqrt(ab))
        NDArray xt = NativeArrays.create(manager, XT, SHAPE);
        float[] out = Samplers.ancestral(SCHEDULE, 1)
                .sample(ClosedFormPredictor.constant(1, 0.3f), xt, 4, null, null, FixedNoise.failing())
                .toFloatArray();
        assertClose(out, -1.0, -0.09710703008690613, 0.8971443460395288, 0.2757372359605069);
    }

    @Test
    void deterministicDdimDrawsNoNoise() {
        float[] withoutSource = run(Samplers.ddim(SCHEDULE, 3, 0), ClosedFormPredictor.constant(1, 0.3f), null);
        float[] withFailingSource =
                run(Samplers.ddim(SCHEDULE, 3, 0), ClosedFormPredictor.constant(1, 0.3f), FixedNoise.failing());
        float[] withOtherSource = run(
                Samplers.ddim(SCHEDULE, 3, 0), ClosedFormPredictor.constant(1, 0.3f), NoiseSources.counterBased(99));
        assertThat(withFailingSource).containsExactly(withoutSource);
        assertThat(withOtherSource).containsExactly(withoutSource);
    }

    @Test
    void sameSeedGivesTheSameImageAndAnotherSeedAnotherImage() {
        Sampler sampler = Samplers.ancestral(SCHEDULE, 3);
        float[] first = run(sampler, ClosedFormPredictor.proportional(1, 0.5f), NoiseSources.counterBased(1));
        float[] again = run(sampler, ClosedFormPredictor.proportional(1, 0.5f), NoiseSources.counterBased(1));
        float[] other = run(sampler, ClosedFormPredictor.proportional(1, 0.5f), NoiseSources.counterBased(2));
        assertThat(again).containsExactly(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void tilesSampledTogetherOrAloneGetTheSameResult() {
        // a per-pixel predictor and placed counter noise: batching must not change any value
        Sampler sampler = Samplers.ddim(SCHEDULE, 3, 0.7);
        NoiseSource noise = NoiseSources.counterBased(8);
        float[] both = new float[8];
        System.arraycopy(XT, 0, both, 0, 4);
        for (int i = 0; i < 4; i++) {
            both[4 + i] = -XT[i] / 2;
        }
        NDArray batch = NativeArrays.create(manager, both, new Shape(2, 1, 2, 2));
        float[] together = sampler.sample(
                        ClosedFormPredictor.proportional(1, 0.5f),
                        batch,
                        7.5,
                        null,
                        null,
                        NoiseSources.placed(noise, new long[] {4, 9}, new int[] {0, 32}, new int[] {16, 48}))
                .toFloatArray();
        NDArray second = NativeArrays.create(manager, Arrays.copyOfRange(both, 4, 8), SHAPE);
        float[] alone = sampler.sample(
                        ClosedFormPredictor.proportional(1, 0.5f),
                        second,
                        7.5,
                        null,
                        null,
                        NoiseSources.placed(noise, new long[] {9}, new int[] {32}, new int[] {48}))
                .toFloatArray();
        assertThat(Arrays.copyOfRange(together, 4, 8)).containsExactly(alone);
        float[] unplaced = sampler.sample(ClosedFormPredictor.proportional(1, 0.5f), second, 7.5, null, null, noise)
                .toFloatArray();
        assertThat(unplaced).isNotEqualTo(alone);
    }

    @Test
    void theNetworkSeesEveryVisitedTimestepWithTheConditionsConcatenated() {
        ClosedFormPredictor predictor = ClosedFormPredictor.proportional(1, 0.5f);
        NDArray xt = NativeArrays.create(manager, new float[8], new Shape(2, 1, 2, 2));
        NDArray conditions = NativeArrays.create(manager, new float[16], new Shape(2, 2, 2, 2));
        NDArray labels = NativeArrays.create(manager, new float[] {1, 2});
        Samplers.ddim(SCHEDULE, 3, 0).sample(predictor, xt, 7.5, conditions, labels, null);
        assertThat(predictor.calls()).hasSize(3);
        assertThat(predictor.calls()).allSatisfy(call -> {
            assertThat(call.inputChannels()).isEqualTo(3);
            assertThat(call.labelled()).isTrue();
        });
        assertThat(predictor.calls().get(0).timesteps()).containsExactly(7.5f, 7.5f);
        assertThat(predictor.calls().get(1).timesteps()).containsExactly(5f, 5f);
        assertThat(predictor.calls().get(2).timesteps()).containsExactly(2f, 2f);
    }

    @Test
    void resultIsOnTheInputsManagerAndTheInputIsUntouched() {
        try (NDManager caller = manager.newSubManager()) {
            NDArray xt = NativeArrays.create(caller, XT, SHAPE);
            NDArray out = Samplers.ancestral(SCHEDULE, 3)
                    .sample(
                            ClosedFormPredictor.proportional(1, 0.5f),
                            xt,
                            7.5,
                            null,
                            null,
                            NoiseSources.counterBased(5));
            assertThat(out.getManager()).isSameAs(caller);
            assertThat(xt.getManager()).isSameAs(caller);
            assertThat(xt.toFloatArray()).containsExactly(XT);
        }
    }

    @Test
    void startingAtTheCleanImageReturnsTheClampedInput() {
        NDArray xt = NativeArrays.create(manager, new float[] {-1.5f, 0.25f, 2f, 0f}, SHAPE);
        ClosedFormPredictor predictor = ClosedFormPredictor.constant(1, 0.3f);
        float[] out = Samplers.ancestral(SCHEDULE, 3)
                .sample(predictor, xt, -1, null, null, null)
                .toFloatArray();
        assertThat(out).containsExactly(-1f, 0.25f, 1f, 0f);
        assertThat(predictor.calls()).isEmpty();
    }

    @Test
    void timestepsFollowTheTrailingGrid() {
        NoiseSchedule ddpm = NoiseSchedule.ddpmLinear();
        double[] full = Samplers.ddim(ddpm, 50, 0).timesteps(999);
        assertThat(full).hasSize(51);
        for (int i = 0; i < 50; i++) {
            assertThat(full[i]).isEqualTo(999 - 20 * i);
        }
        assertThat(full[50]).isEqualTo(-1);
        // rint(114.35989530754641 - i * 115.35989530754641 / 10), i = 1..9
        assertThat(Samplers.ancestral(ddpm, 10).timesteps(114.35989530754641))
                .containsExactly(114.35989530754641, 103, 91, 80, 68, 57, 45, 34, 22, 11, -1);
        assertThat(Samplers.ddim(ddpm, 4, 0).timesteps(31.897948167027916))
                .containsExactly(31.897948167027916, 24, 15, 7, -1);
        assertThat(Samplers.ddim(ddpm, 10, 0).timesteps(2.5)).containsExactly(2.5, 2, 1, 0, -1);
        assertThat(Samplers.ddim(ddpm, 5, 0).timesteps(-0.5)).containsExactly(-0.5, -1);
        assertThat(Samplers.ddim(ddpm, 3, 0).timesteps(0)).containsExactly(0, -1);
        assertThat(Samplers.ddim(ddpm, 1, 0).timesteps(640.25)).containsExactly(640.25, -1);
        assertThat(Samplers.ddim(ddpm, 7, 0).timesteps(-1)).containsExactly(-1);
    }

    @Test
    void invalidArgumentsAreRejectedWithTheValue() {
        Sampler sampler = Samplers.ancestral(SCHEDULE, 3);
        NDArray xt = NativeArrays.create(manager, XT, SHAPE);
        ClosedFormPredictor predictor = ClosedFormPredictor.constant(1, 0.3f);
        assertThatThrownBy(() -> sampler.timesteps(9.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("9.5")
                .hasMessageContaining("[-1, 9]");
        assertThatThrownBy(() -> sampler.sample(predictor, xt, 7.5, null, null, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("NoiseSource");
        NDArray wrongConditions = NativeArrays.create(manager, new float[2], new Shape(1, 1, 2, 1));
        assertThatThrownBy(() -> sampler.sample(predictor, xt, 7.5, wrongConditions, null, null))
                .hasMessageContaining("(1, 1, 2, 1)");
        assertThatThrownBy(() -> Samplers.ddim(SCHEDULE, 0, 0)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> Samplers.ddim(SCHEDULE, 3, 1.5)).hasMessageContaining("1.5");
    }

    private static void assertClose(float[] actual, double... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("element %d", i).isCloseTo(expected[i], within(2e-6));
        }
    }
}
