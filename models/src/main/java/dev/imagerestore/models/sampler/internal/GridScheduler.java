package dev.imagerestore.models.sampler.internal;

import ai.djl.ndarray.NDArray;
import dev.imagerestore.models.sampler.Posterior;
import dev.imagerestore.models.sampler.Scheduler;
import dev.imagerestore.models.sampler.SchedulerState;
import dev.imagerestore.models.schedule.NoiseSchedule;
import java.util.Objects;

/**
 * What the schedulers of this library share: the trailing grid of {@link TimestepGrid} over a
 * {@link NoiseSchedule}, {@link GridState}s, and the clamped estimate with its re-derived noise.
 * Immutable.
 */
public abstract class GridScheduler implements Scheduler {

    protected final NoiseSchedule schedule;
    private final int steps;

    protected GridScheduler(NoiseSchedule schedule, int steps) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.steps = TimestepGrid.checkSteps(steps);
    }

    @Override
    public final double[] timesteps(double startT) {
        return TimestepGrid.of(schedule, startT, steps);
    }

    @Override
    public final SchedulerState start(double[] timesteps) {
        for (double t : timesteps) {
            schedule.alphaBar(t);
        }
        return GridState.start(this, timesteps);
    }

    protected final GridState own(SchedulerState state) {
        return GridState.of(this, state);
    }

    protected final double alphaBar(double t) {
        return schedule.alphaBar(t);
    }

    /** The clamped Tweedie estimate of {@code x} at alpha-bar {@code ab} given the network's noise. */
    protected static NDArray clean(NDArray x, NDArray eps, double ab) {
        return Posterior.clampedX0(x, eps, ab);
    }

    /** The noise direction re-derived from the clamped estimate: {@code (x - sqrt(ab) x0)/sqrt(1 - ab)}. */
    protected static NDArray noiseOf(NDArray x, NDArray x0, double ab) {
        return x.sub(x0.mul((float) Math.sqrt(ab))).divi((float) Math.sqrt(1 - ab));
    }
}
