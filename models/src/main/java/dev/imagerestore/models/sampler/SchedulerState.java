package dev.imagerestore.models.sampler;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * Where a run of a {@link Scheduler} stands: the stride and stage it is in, how many network
 * evaluations came before, and what a multistep or multi-stage method carries to its next call (a
 * previous clean estimate, a first-stage slope). Immutable: a step returns a new state; the arrays
 * it carries are never changed after the state is made.
 */
public interface SchedulerState {

    /** Whether the run has reached the last timestep; no further step may be taken. */
    boolean finished();

    /**
     * The timestep of the sample this state goes with: where the network is evaluated for the next
     * step, or, once finished, the last timestep of the run.
     */
    double timestep();

    /**
     * Strides completed since the {@link Scheduler#start}: a loop that must act between strides (not
     * between the stages of a multi-stage method) watches it change.
     */
    int stride();

    /**
     * Network evaluations before the next one, counted from the {@link Scheduler#start}; loops use it
     * as the step index of the noise they draw, so every evaluation gets its own noise.
     */
    int evaluation();

    /** The arrays this state carries, for the loop to keep alive (and free) with it; often empty. */
    List<NDArray> arrays();
}
