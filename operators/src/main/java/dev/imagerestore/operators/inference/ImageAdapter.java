package dev.imagerestore.operators.inference;

import java.io.Serializable;

/**
 * What {@link RestoreAsyncFunction#perImage} needs to know about its records: the whole-image work
 * item one becomes, how the item's result becomes the output record, and how a failure becomes a
 * dead-letter output record. The per-image counterpart of {@link RecordAdapter}, for an
 * {@link ImageProcessor}.
 *
 * <p>Threading: {@link #prepare} runs on the task thread inside {@code asyncInvoke}, so it suits
 * work that should not hold the device (reading side files); {@link #assemble} and {@link #failed}
 * run on the task (mailbox) thread when the record completes. An adapter is shared by the records
 * of one subtask.
 */
public interface ImageAdapter<IN, W, R, OUT> extends Serializable {

    /** The work item of {@code record}; an exception makes the record a dead letter at once. */
    W prepare(IN record) throws Exception;

    /** The output record from the processor's result for the item {@link #prepare} returned. */
    OUT assemble(IN record, R result) throws Exception;

    /**
     * The dead-letter output record for {@code record}, which failed with {@code cause} (a
     * {@link java.util.concurrent.TimeoutException} when it took longer than the stage's timeout).
     * Must not throw: an exception here is a programming error and fails the job.
     */
    OUT failed(IN record, Throwable cause);
}
