package dev.imagerestore.models.sampler;

import ai.djl.ndarray.NDArray;

/**
 * One reverse-diffusion method as a pure step, with no loop of its own (the shape of diffusers'
 * schedulers: {@code set_timesteps} and {@code step(model_output, timestep, sample)}). A
 * {@link SamplingLoop} or any other loop (RePaint's resampling walk, guidance, a corrector) asks it for
 * the {@link #timesteps} from a start, makes its {@link #start} state, and then, until the state is
 * {@linkplain SchedulerState#finished finished}: evaluates the network at
 * {@link SchedulerState#timestep()}, draws standard normal noise if {@link #needsNoise} says so, and
 * calls {@link #step}, which returns the next sample and the next state.
 *
 * <p>Conventions are those of {@link Sampler}: data in [-1, 1]; {@code x_t = sqrt(ab_t) x0 +
 * sqrt(1 - ab_t) eps}; timestep {@code -1} is the clean image. Every step works from the clamped
 * Tweedie estimate {@link Posterior#clampedX0} and the noise direction re-derived from it, and the
 * stride to {@code -1} returns that estimate itself.
 *
 * <p>Immutable and thread-safe: everything a multistep or multi-stage method remembers between calls
 * lives in the {@link SchedulerState} it returns, never in the scheduler. Arrays a step makes are on
 * the manager of {@code x}; the caller owns the returned sample and the arrays of the returned state
 * ({@link SchedulerState#arrays}), and must not change them.
 */
public interface Scheduler {

    /**
     * The timesteps visited from fractional {@code startT}, first to last, ending with {@code -1}.
     *
     * @throws IllegalArgumentException if startT is outside [-1, steps - 1] of the schedule
     */
    double[] timesteps(double startT);

    /**
     * The state before the first step over {@code timesteps} (strictly decreasing, each in [-1, steps -
     * 1] of the schedule); a loop may pass any stretch of {@link #timesteps}, e.g. one stride.
     */
    SchedulerState start(double[] timesteps);

    /** Whether the next {@link #step} from {@code state} needs standard normal noise. */
    boolean needsNoise(SchedulerState state);

    /**
     * One step: given the network's noise prediction {@code eps} at {@code (x, state.timestep())},
     * the next sample and state. {@code z} is standard normal noise of the shape of {@code x}, or null
     * when {@link #needsNoise} said no. Neither {@code x}, {@code eps}, {@code z} nor the state's
     * arrays are changed.
     *
     * @throws IllegalArgumentException if the state is finished or was made by another scheduler
     */
    Step step(NDArray eps, SchedulerState state, NDArray x, NDArray z);

    /** The network evaluations the stride {@code from -> to} of {@link #timesteps} costs. */
    int evaluations(double from, double to);

    /** The network evaluations of a whole run over {@code timesteps}. */
    default int evaluations(double[] timesteps) {
        int total = 0;
        for (int i = 0; i + 1 < timesteps.length; i++) {
            total += evaluations(timesteps[i], timesteps[i + 1]);
        }
        return total;
    }
}
