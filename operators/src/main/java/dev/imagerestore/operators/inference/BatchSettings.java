package dev.imagerestore.operators.inference;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link InferenceService} batches: at most {@code maxBatch} tiles a pass, waiting at most
 * {@code maxWait} for a batch to fill, at most {@code queueCapacity} tiles queued, and kept loaded
 * {@code linger} after its last user left. Immutable; services with equal settings are shared.
 */
public record BatchSettings(int maxBatch, Duration maxWait, int queueCapacity, Duration linger)
        implements Serializable {

    public BatchSettings {
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(linger, "linger");
        if (maxBatch < 1 || maxBatch > 1024) {
            throw new IllegalArgumentException(
                    InferenceOptions.MAX_BATCH.key() + " must be in [1, 1024], got " + maxBatch);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException(InferenceOptions.MAX_WAIT.key() + " must be >= 0, got " + maxWait);
        }
        if (queueCapacity < maxBatch) {
            throw new IllegalArgumentException(InferenceOptions.QUEUE_CAPACITY.key() + " = " + queueCapacity
                    + " cannot hold one batch of " + InferenceOptions.MAX_BATCH.key() + " = " + maxBatch
                    + " tiles; raise it to at least " + maxBatch);
        }
        if (linger.isNegative()) {
            throw new IllegalArgumentException(InferenceOptions.SERVICE_LINGER.key() + " must be >= 0, got " + linger);
        }
    }
}
