package dev.imagerestore.operators.inference;

import java.io.Serializable;
import java.util.List;

/**
 * Runs one batch of tiles through a model on one device: the seam between the micro-batcher of an
 * {@link InferenceService} and whatever restores tiles (the project's DJL UNet through
 * {@link DiffusionProcessorFactory}, or the models library's tile batch denoiser bound by the job).
 *
 * <p>Contract: {@link #process} returns one array per input tile, in input order, each with the
 * sample count of its input; tiles in one batch may come from different images and have different
 * noise levels, and the result of a tile must not depend on its batch neighbours. A thrown exception
 * fails the whole batch; the service then retries the tiles one by one so that only the records whose
 * own tiles fail are dead-lettered.
 *
 * <p>Threading: confined to the service's single worker thread, which also calls {@link #close()}.
 */
public interface TileBatchProcessor extends AutoCloseable {

    /** Restores {@code batch} (never empty); the returned arrays belong to the caller. */
    List<float[]> process(List<TileWork> batch) throws Exception;

    /** Releases the model and native memory this processor holds. */
    @Override
    void close() throws Exception;

    /**
     * Creates processors on a TaskManager. Serializable, since it travels inside the job graph; it
     * must stay small (a path, not weights).
     */
    interface Factory extends Serializable {

        /**
         * Identifies the model: processors of factories with equal keys on the same device are
         * interchangeable, so one {@link InferenceService} serves them all.
         */
        String modelKey();

        /** Loads the model onto {@code device}; called once per service, on the acquiring thread. */
        TileBatchProcessor create(InferenceDevice device) throws Exception;
    }
}
