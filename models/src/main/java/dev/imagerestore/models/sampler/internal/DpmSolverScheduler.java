package dev.imagerestore.models.sampler.internal;

import ai.djl.ndarray.NDArray;
import dev.imagerestore.models.sampler.DpmSolverConfig;
import dev.imagerestore.models.sampler.SchedulerState;
import dev.imagerestore.models.sampler.Step;
import dev.imagerestore.models.schedule.NoiseSchedule;
import java.util.List;

/**
 * DPM-Solver++(2M) (Lu, Zhou, Bao, Chen, Li and Zhu, "DPM-Solver++: Fast Solver for Guided Sampling of
 * Diffusion Probabilistic Models", 2022, Algorithm 2): the multistep second-order solver of the
 * probability-flow ODE in data prediction, in the log signal-to-noise time
 * {@code lambda = ln(alpha / sigma)} with {@code alpha = sqrt(ab)}, {@code sigma = sqrt(1 - ab)}.
 * Over a stride {@code t -> s} with {@code h = lambda_s - lambda_t}:
 * {@code x_s = (sigma_s / sigma_t) x_t - alpha_s (e^{-h} - 1) D}, where {@code D} is the clamped
 * estimate {@code x0_t} on the first stride and {@code (1 + 1/(2r)) x0_t - 1/(2r) x0_prev} after it,
 * {@code r = (lambda_t - lambda_prev) / h}. The stride to the clean image returns the clamped estimate
 * (the first-order step to {@code sigma = 0}, as diffusers' {@code final_sigmas_type="zero"}).
 *
 * <p>State: the previous estimate {@code x0_prev} and its {@code lambda_prev}. Deterministic; no noise.
 */
public final class DpmSolverScheduler extends GridScheduler {

    public DpmSolverScheduler(NoiseSchedule schedule, DpmSolverConfig config) {
        super(schedule, config.steps());
    }

    @Override
    public boolean needsNoise(SchedulerState state) {
        own(state);
        return false;
    }

    @Override
    public Step step(NDArray eps, SchedulerState state, NDArray x, NDArray z) {
        GridState g = own(state);
        double abT = alphaBar(g.from());
        NDArray x0 = clean(x, eps, abT);
        if (g.to() == -1) {
            return new Step(x0, g.nextStride(List.of(), Double.NaN));
        }
        double abS = alphaBar(g.to());
        double lambdaT = lambda(abT);
        double h = lambda(abS) - lambdaT;
        NDArray data = x0;
        if (!g.arrays().isEmpty()) {
            double half = h / (2 * (lambdaT - g.scalar()));
            data = x0.mul((float) (1 + half)).subi(g.carried(0).mul((float) half));
        }
        NDArray next = x.mul((float) Math.sqrt((1 - abS) / (1 - abT)))
                .subi(data.mul((float) (Math.sqrt(abS) * Math.expm1(-h))));
        return new Step(next, g.nextStride(List.of(x0), lambdaT));
    }

    private static double lambda(double ab) {
        return 0.5 * Math.log(ab / (1 - ab));
    }

    @Override
    public int evaluations(double from, double to) {
        return 1;
    }

    @Override
    public String toString() {
        return "DPM-Solver++(2M)(" + schedule + ")";
    }
}
