package dev.imagerestore.models.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.imagerestore.models.runtime.NativeArrays;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.schedule.NoiseSchedule;
import dev.imagerestore.models.testing.GaussianDataPredictor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every scheduler on the one case whose answer is known in closed form: data whose pixels are
 * {@code N(mu, s^2)}, with the exact noise predictor of {@link GaussianDataPredictor}. Stochastic and
 * deterministic samplers must reproduce the data distribution; the deterministic ones must also
 * converge to the exact probability-flow ODE solution as their step count grows.
 */
class GaussianDataSamplingTest {

    private static final NoiseSchedule SCHEDULE = NoiseSchedule.ddpmLinear();
    private static final double MU = 0.1;
    private static final double S = 0.3;
    private static final double START = 999;
    private static final Shape PIXELS = new Shape(1, 1, 100, 200);

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

    private float[] sample(Scheduler scheduler, float[] start) {
        GaussianDataPredictor predictor = new GaussianDataPredictor(SCHEDULE, MU, S);
        NDArray xt = NativeArrays.create(manager, start, PIXELS);
        return SamplingLoop.of(scheduler)
                .sample(predictor, xt, START, null, null, NoiseSources.counterBased(21))
                .toFloatArray();
    }

    private float[] marginalStart() {
        GaussianDataPredictor predictor = new GaussianDataPredictor(SCHEDULE, MU, S);
        float[] z = NoiseSources.counterBased(5)
                .normal(manager, 0, PIXELS, new long[] {0}, new int[1], new int[1])
                .toFloatArray();
        double ab = SCHEDULE.alphaBar(START);
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) predictor.marginal(z[i], ab);
        }
        return z;
    }

    private static double[] moments(float[] v) {
        double sum = 0;
        for (float f : v) {
            sum += f;
        }
        double mean = sum / v.length;
        double sq = 0;
        for (float f : v) {
            sq += (f - mean) * (f - mean);
        }
        return new double[] {mean, Math.sqrt(sq / (v.length - 1))};
    }

    @Test
    void everySamplerDrawsTheDataDistribution() {
        // 20000 pixels from the exact marginal at t = 999. Monte Carlo standard errors: mean 0.3/sqrt(20000)
        // = 0.0021, std 0.3/sqrt(40000) = 0.0015. The mean must be within 0.01 (4.7 standard errors) of mu.
        // The std must be within 0.01 of s (6.7 standard errors): room for the first-order samplers'
        // discretisation bias at these step counts (DDIM -0.006 at 250 steps, DDPM -0.007 at 500), while a
        // score off by a few per cent moves the std by more. The second-order ODE solvers are held to 0.004.
        float[] start = marginalStart();
        for (SamplerKind kind : SamplerKind.values()) {
            boolean stochastic = kind == SamplerKind.ANCESTRAL
                    || kind == SamplerKind.EULER_MARUYAMA
                    || kind == SamplerKind.PREDICTOR_CORRECTOR;
            double[] m = moments(sample(kind.scheduler(SCHEDULE, stochastic ? 500 : 250, 0), start));
            double stdTolerance = kind == SamplerKind.HEUN || kind == SamplerKind.DPM_SOLVER ? 0.004 : 0.01;
            assertThat(m[0]).as("%s mean", kind).isCloseTo(MU, within(0.01));
            assertThat(m[1]).as("%s std", kind).isCloseTo(S, within(stdTolerance));
        }
    }

    @Test
    void deterministicSamplersConvergeToTheExactOdeSolutionAtTheirOrder() {
        // 64 states from -2 to 2 standard deviations of the marginal at t = 999; the reference is the exact
        // probability-flow ODE map x0 = mu + s (x_t - sqrt(ab) mu) / sqrt(ab s^2 + 1 - ab). The error of DDIM
        // (Euler in sigma) halves with the step count; Heun and DPM-Solver++(2M) fall faster (measured ratios
        // 0.32-0.37 and 0.11-0.39 from 10 to 160 steps) and stay below DDIM at every count.
        GaussianDataPredictor predictor = new GaussianDataPredictor(SCHEDULE, MU, S);
        float[] states = new float[64];
        for (int i = 0; i < states.length; i++) {
            states[i] = (float) predictor.marginal(-2 + 4.0 * i / 63, SCHEDULE.alphaBar(START));
        }
        double[] ddim = odeErrors(SamplerKind.DDIM, states, predictor);
        double[] heun = odeErrors(SamplerKind.HEUN, states, predictor);
        double[] dpm = odeErrors(SamplerKind.DPM_SOLVER, states, predictor);
        for (int i = 0; i + 1 < ddim.length; i++) {
            assertThat(ddim[i + 1]).as("DDIM, doubling step %d", i).isLessThan(0.6 * ddim[i]);
            assertThat(heun[i + 1]).as("Heun, doubling step %d", i).isLessThan(0.45 * heun[i]);
            assertThat(dpm[i + 1]).as("DPM-Solver++, doubling step %d", i).isLessThan(0.45 * dpm[i]);
            assertThat(heun[i]).isLessThan(ddim[i]);
            assertThat(dpm[i]).isLessThan(ddim[i]);
        }
        assertThat(ddim[4]).isLessThan(0.02);
        assertThat(heun[4]).isLessThan(0.003);
        assertThat(dpm[4]).isLessThan(0.0005);
    }

    /** The largest error against the exact ODE solution at 10, 20, 40, 80 and 160 steps. */
    private double[] odeErrors(SamplerKind kind, float[] states, GaussianDataPredictor predictor) {
        int[] steps = {10, 20, 40, 80, 160};
        double[] errors = new double[steps.length];
        for (int k = 0; k < steps.length; k++) {
            NDArray xt = NativeArrays.create(manager, states, new Shape(1, 1, 8, 8));
            float[] out = SamplingLoop.of(kind.scheduler(SCHEDULE, steps[k], 0))
                    .sample(predictor, xt, START, null, null, null)
                    .toFloatArray();
            for (int i = 0; i < states.length; i++) {
                double exact = predictor.odeSolution(states[i], SCHEDULE.alphaBar(START));
                errors[k] = Math.max(errors[k], Math.abs(out[i] - exact));
            }
        }
        return errors;
    }

    @Test
    void eachSamplerCostsTheNetworkEvaluationsItDeclares() {
        for (SamplerKind kind : SamplerKind.values()) {
            Scheduler scheduler = kind.scheduler(SCHEDULE, 7, 0.5);
            GaussianDataPredictor predictor = new GaussianDataPredictor(SCHEDULE, MU, S);
            NDArray xt = NativeArrays.create(manager, new float[16], new Shape(1, 1, 4, 4));
            SamplingLoop.of(scheduler).sample(predictor, xt, 300.5, null, null, NoiseSources.counterBased(1));
            int expected = switch (kind) {
                case HEUN -> 2 * 7 - 1;
                case PREDICTOR_CORRECTOR -> 6 * (1 + PredictorCorrectorConfig.DEFAULT_CORRECTOR_STEPS) + 1;
                default -> 7;
            };
            assertThat(predictor.calls()).as("%s", kind).isEqualTo(expected);
            assertThat(scheduler.evaluations(scheduler.timesteps(300.5)))
                    .as("%s", kind)
                    .isEqualTo(expected);
        }
    }

    @Test
    void aStepIsPureSoAStateCanBeSteppedAgainWithTheSameResult() {
        // DPM-Solver++(2M) carries the previous estimate in its state: stepping a kept state twice must agree
        Scheduler scheduler = Schedulers.dpmSolver(SCHEDULE, new DpmSolverConfig(5));
        GaussianDataPredictor predictor = new GaussianDataPredictor(SCHEDULE, MU, S);
        NDArray x = NativeArrays.create(manager, marginalStart(), PIXELS);
        SchedulerState state = scheduler.start(scheduler.timesteps(START));
        for (int i = 0; i < 2; i++) {
            Step step = scheduler.step(predict(predictor, x, state), state, x, null);
            x = step.sample();
            state = step.next();
        }
        assertThat(state.arrays()).hasSize(1);
        float[] carried = state.arrays().get(0).toFloatArray();
        NDArray eps = predict(predictor, x, state);
        float[] once = scheduler.step(eps, state, x, null).sample().toFloatArray();
        float[] again = scheduler.step(eps, state, x, null).sample().toFloatArray();
        assertThat(again).containsExactly(once);
        assertThat(state.arrays().get(0).toFloatArray()).containsExactly(carried);
        assertThat(state.stride()).isEqualTo(2);
        assertThat(state.evaluation()).isEqualTo(2);
    }

    @Test
    void aStepHookReplacesTheSampleAfterEveryStepAsInpaintingDoes() {
        // the hook pins the first half of the pixels to a known value noised to the sample's timestep
        // (the replacement of diffusers' inpainting loop); the run must end on the known value exactly
        float known = 0.25f;
        NDArray keep = NativeArrays.create(manager, new float[] {1, 1, 0, 0}, new Shape(1, 1, 2, 2));
        List<Double> seen = new ArrayList<>();
        StepHook pin = (sample, t, evaluation, scope) -> {
            seen.add(t);
            double ab = SCHEDULE.alphaBar(t);
            NDArray noised = sample.zerosLike().addi((float) (Math.sqrt(ab) * known));
            return noised.mul(keep).addi(sample.mul(keep.neg().addi(1f)));
        };
        GaussianDataPredictor predictor = new GaussianDataPredictor(SCHEDULE, MU, S);
        NDArray xt = NativeArrays.create(manager, new float[] {0.3f, -0.2f, 0.5f, 0.1f}, new Shape(1, 1, 2, 2));
        Sampler heun = SamplingLoop.withHook(Schedulers.heun(SCHEDULE, new HeunConfig(3)), pin);
        float[] out = heun.sample(predictor, xt, 500, null, null, null).toFloatArray();
        assertThat(out[0]).isEqualTo(known);
        assertThat(out[1]).isEqualTo(known);
        assertThat(out[2]).isNotEqualTo(known);
        // one call per evaluation, each with the timestep of the sample it was given: Heun's two stages end at s
        assertThat(seen).containsExactly(333.0, 333.0, 166.0, 166.0, -1.0);
    }

    private NDArray predict(GaussianDataPredictor predictor, NDArray x, SchedulerState state) {
        return NoisePrediction.of(predictor, x, state.timestep(), null, null, manager);
    }
}
