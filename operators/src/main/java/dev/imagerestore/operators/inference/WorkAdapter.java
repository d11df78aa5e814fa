package dev.imagerestore.operators.inference;

import java.io.Serializable;
import java.util.List;

/**
 * What {@link RestoreAsyncFunction} needs to know about its records: the work items one becomes and
 * the plan that turns their results back into the output record, how that happens, and how a
 * failure becomes a dead-letter output record. Items are tiles ({@link TileWork}, results
 * {@code float[]}) for a function of tiles, or one whole-image item for a per-image function
 * ({@link RestoreAsyncFunction#perImage}).
 *
 * <p>The plan ({@code P}: a tile grid, a start time, a depth source...) travels with the record
 * from {@link #split} to {@link #assemble} inside the function, so an adapter keeps no per-record
 * state and is shared by the records of one subtask.
 *
 * <p>Threading: {@link #split} runs on the task thread inside {@code asyncInvoke}, so it suits
 * work that should not hold the device (reading side files); {@link #assemble} and {@link #failed}
 * run on the task (mailbox) thread when the record completes.
 */
public interface WorkAdapter<IN, P, W, R, OUT> extends Serializable {

    /** The work items of {@code record} and their plan; an exception makes the record a dead letter at once. */
    PlannedWork<P, W> split(IN record) throws Exception;

    /** The output record from the results of the items {@link #split} returned, in their order. */
    OUT assemble(IN record, P plan, List<R> results) throws Exception;

    /**
     * The dead-letter output record for {@code record}, which failed with {@code cause} (a
     * {@link java.util.concurrent.TimeoutException} when it took longer than the stage's timeout).
     * Must not throw: an exception here is a programming error and fails the job.
     */
    OUT failed(IN record, Throwable cause);
}
