package dev.imagerestore.operators.inference;

/**
 * Hears what the service's worker did with the work items one submitter handed it, so that a
 * subtask's metrics count its own items even though batches mix tiles of several subtasks. An item
 * is a tile, or a whole image on a per-image service (whose batches hold one image each).
 *
 * <p>Threading: called on the service's worker thread; implementations must be cheap and
 * thread-safe with respect to their readers.
 */
public interface InferenceObserver {

    /** Ignores everything. */
    InferenceObserver NONE = new InferenceObserver() {
        @Override
        public void tileDequeued(long queueWaitNanos) {}

        @Override
        public void batchDone(int batchSize, int ownTiles, long inferenceNanos) {}
    };

    /** One of this submitter's tiles left the queue for a batch after waiting {@code queueWaitNanos}. */
    void tileDequeued(long queueWaitNanos);

    /**
     * A batch of {@code batchSize} tiles, {@code ownTiles} of them this submitter's, finished (well or
     * not) after {@code inferenceNanos} in the processor. Called once per batch and submitter.
     */
    void batchDone(int batchSize, int ownTiles, long inferenceNanos);
}
