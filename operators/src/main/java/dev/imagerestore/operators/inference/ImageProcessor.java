package dev.imagerestore.operators.inference;

import java.io.Serializable;

/**
 * Runs one whole image's work item through a model on one device: the seam between an
 * {@link InferenceService} and a task whose unit of work is an image, not a tile. Such tasks step
 * all tiles of an image together (SDEdit with classifier-free guidance blends every tile's noise
 * prediction into one field before each sampler step), so tiles of different images cannot share a
 * forward pass; the processor batches the image's own tiles itself. The job binds it to the models
 * library (depth-guided translation); {@code W} and {@code R} are the job's types.
 *
 * <p>Contract: {@link #process} returns the item's result (never null) or throws; a throw fails only
 * that item's record, which becomes a dead letter. The service never batches items: it runs them
 * one at a time, in queue order, so a result depends on its item alone.
 *
 * <p>Threading: confined to the service's single worker thread, which also calls {@link #close()}.
 */
public interface ImageProcessor<W, R> extends AutoCloseable {

    /** Runs {@code work}; the result belongs to the caller. */
    R process(W work) throws Exception;

    /** Releases the models and native memory this processor holds. */
    @Override
    void close() throws Exception;

    /**
     * Creates processors on a TaskManager. Serializable, since it travels inside the job graph; it
     * must stay small (paths and settings, not weights).
     */
    interface Factory<W, R> extends Serializable {

        /**
         * Identifies the models and settings: processors of factories with equal keys on the same
         * device are interchangeable, so one {@link InferenceService} serves them all. A key must not
         * also name a {@link TileBatchProcessor.Factory}'s model.
         */
        String modelKey();

        /** Loads the models onto {@code device}; called once per service, on the acquiring thread. */
        ImageProcessor<W, R> create(InferenceDevice device) throws Exception;
    }
}
