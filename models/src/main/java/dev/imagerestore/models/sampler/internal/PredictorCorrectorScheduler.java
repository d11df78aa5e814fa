package dev.imagerestore.models.sampler.internal;

import ai.djl.ndarray.NDArray;
import dev.imagerestore.models.sampler.PredictorCorrectorConfig;
import dev.imagerestore.models.sampler.SchedulerState;
import dev.imagerestore.models.sampler.Step;
import dev.imagerestore.models.schedule.NoiseSchedule;
import java.util.List;

/**
 * Predictor-corrector sampling of the VP-SDE (Song et al., "Score-Based Generative Modeling through
 * Stochastic Differential Equations", ICLR 2021, Algorithm 5). Per stride {@code t -> s}: the
 * reverse-diffusion predictor {@code x' = (2 - sqrt(1 - beta)) x_t + beta score(x_t, t) + sqrt(beta) z}
 * with the respaced {@code beta = 1 - ab_t/ab_s}, then {@code M} steps of the Langevin corrector at
 * {@code s}, {@code x <- x + e g + sqrt(2 e) z} with {@code g = score(x, s)} and the step size of their
 * signal-to-noise rule {@code e = 2 alpha_s (r ||z|| / ||g||)^2}, {@code alpha_s = ab_s / ab_{s-1}}
 * (annealed Langevin dynamics; Song and Ermon, NeurIPS 2019). Scores are
 * {@code -eps / sqrt(1 - ab)} from the clamped estimate. The norms are taken per batch item (the
 * reference code averages them over the batch), so tiles sampled together or alone agree. The
 * stride to the clean image returns the clamped estimate.
 */
public final class PredictorCorrectorScheduler extends GridScheduler {

    private final int correctorSteps;
    private final double snr;

    public PredictorCorrectorScheduler(NoiseSchedule schedule, PredictorCorrectorConfig config) {
        super(schedule, config.steps());
        this.correctorSteps = config.correctorSteps();
        this.snr = config.snr();
    }

    @Override
    public boolean needsNoise(SchedulerState state) {
        GridState g = own(state);
        return g.stage() > 0 || g.to() != -1;
    }

    @Override
    public Step step(NDArray eps, SchedulerState state, NDArray x, NDArray z) {
        GridState g = own(state);
        double abS = alphaBar(g.to());
        GridState next = g.stage() == correctorSteps ? g.nextStride(List.of(), Double.NaN) : g.nextStage(List.of());
        if (g.stage() > 0) {
            return new Step(correct(x, eps, abS, alphaBar(Math.max(-1, g.to() - 1)), z), next);
        }
        double abT = alphaBar(g.from());
        NDArray x0 = clean(x, eps, abT);
        if (g.to() == -1) {
            return new Step(x0, g.nextStride(List.of(), Double.NaN));
        }
        double beta = 1 - abT / abS;
        NDArray score = noiseOf(x, x0, abT).muli((float) (-1 / Math.sqrt(1 - abT)));
        NDArray predicted = x.mul((float) (2 - Math.sqrt(1 - beta)))
                .addi(score.muli((float) beta))
                .addi(z.mul((float) Math.sqrt(beta)));
        return new Step(predicted, next);
    }

    private NDArray correct(NDArray x, NDArray eps, double abS, double abBefore, NDArray z) {
        NDArray score = noiseOf(x, clean(x, eps, abS), abS).muli((float) (-1 / Math.sqrt(1 - abS)));
        double alpha = abS / abBefore;
        int[] pixels = {1, 2, 3};
        NDArray noiseNorm = z.square().sum(pixels, true).sqrt();
        NDArray scoreNorm = score.square().sum(pixels, true).sqrt().maximum(Float.MIN_NORMAL);
        NDArray size = noiseNorm.divi(scoreNorm).muli((float) snr).square().muli((float) (2 * alpha));
        return x.add(score.mul(size)).addi(z.mul(size.mul(2f).sqrt()));
    }

    @Override
    public int evaluations(double from, double to) {
        return to == -1 ? 1 : 1 + correctorSteps;
    }

    @Override
    public String toString() {
        return "VP-SDE predictor-corrector(" + correctorSteps + " Langevin steps, snr=" + snr + ", " + schedule + ")";
    }
}
