package dev.imagerestore.models.sampler;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * The result of one {@link Scheduler#step}: the next sample (at {@code next.timestep()}, or the clean
 * image once {@code next} is finished) and the scheduler's next state.
 */
public record Step(NDArray sample, SchedulerState next) {

    public Step {
        Objects.requireNonNull(sample, "sample");
        Objects.requireNonNull(next, "next");
    }
}
