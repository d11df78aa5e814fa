package dev.imagerestore.operators.inference;

import java.io.Serializable;
import java.util.List;

/**
 * What {@link RestoreAsyncFunction} needs to know about its records: how one splits into tiles, how
 * restored tiles become the output record, and how a failure becomes a dead-letter output record.
 * The job binds it to its decoded-image, restored-image and dead-letter types and to the models
 * library's tile grid and blending.
 *
 * <p>Threading: {@link #split} runs on the task thread inside {@code asyncInvoke}; {@link #assemble}
 * and {@link #failed} run on the task (mailbox) thread when the record completes. An adapter is
 * shared by the records of one subtask and must be stateless.
 */
public interface RecordAdapter<IN, OUT> extends Serializable {

    /** The tiles of {@code record}, in the order {@link #assemble} will receive their results. */
    List<TileWork> split(IN record) throws Exception;

    /** The output record from the restored tiles, one per tile returned by {@link #split}, in order. */
    OUT assemble(IN record, List<float[]> restoredTiles) throws Exception;

    /**
     * The dead-letter output record for {@code record}, which failed with {@code cause} (a
     * {@link java.util.concurrent.TimeoutException} when it took longer than the stage's timeout).
     * Must not throw: an exception here is a programming error and fails the job.
     */
    OUT failed(IN record, Throwable cause);
}
