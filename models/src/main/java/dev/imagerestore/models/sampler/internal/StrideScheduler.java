package dev.imagerestore.models.sampler.internal;

import ai.djl.ndarray.NDArray;
import dev.imagerestore.models.sampler.SchedulerState;
import dev.imagerestore.models.sampler.Step;
import dev.imagerestore.models.schedule.NoiseSchedule;
import java.util.List;

/**
 * A one-evaluation-per-stride scheduler: the clamped estimate {@code x0} at the stride's start, then
 * the method's {@link #stride}; the stride to the clean image returns {@code x0}. Immutable.
 */
public abstract class StrideScheduler extends GridScheduler {

    protected StrideScheduler(NoiseSchedule schedule, int steps) {
        super(schedule, steps);
    }

    /**
     * One stride {@code t -> s} (with {@code ab_s < 1}) given x_t, the clamped estimate {@code x0}
     * and {@code z}, standard normal noise or null when {@link #needsNoise(double, double)} said no.
     */
    protected abstract NDArray stride(NDArray xt, NDArray x0, double abT, double abS, NDArray z);

    /** Whether {@link #stride} from {@code ab_t} to {@code ab_s < 1} needs noise. */
    protected abstract boolean needsNoise(double abT, double abS);

    @Override
    public final boolean needsNoise(SchedulerState state) {
        GridState g = own(state);
        return g.to() != -1 && needsNoise(alphaBar(g.from()), alphaBar(g.to()));
    }

    @Override
    public final Step step(NDArray eps, SchedulerState state, NDArray x, NDArray z) {
        GridState g = own(state);
        double abT = alphaBar(g.from());
        NDArray x0 = clean(x, eps, abT);
        NDArray next = g.to() == -1 ? x0 : stride(x, x0, abT, alphaBar(g.to()), z);
        return new Step(next, g.nextStride(List.of(), Double.NaN));
    }

    @Override
    public final int evaluations(double from, double to) {
        return 1;
    }
}
