package dev.imagerestore.models.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Deterministic Gaussian noise as a function of (seed, step index, batch item id, channel, absolute y,
 * absolute x): the same pixel of the same image gets the same noise whatever tile or batch it is in.
 *
 * <p>Implementations are immutable and thread-safe; see {@link NoiseSources}.
 */
public interface NoiseSource {

    /**
     * Standard normal noise of {@code shape} (B, C, H, W), float32, created on {@code m} (the caller
     * owns it). Item {@code b} is image {@code itemIds[b]}, and its element {@code (c, y, x)} is the
     * image's pixel {@code (c, originY[b] + y, originX[b] + x)}.
     */
    NDArray normal(NDManager m, int step, Shape shape, long[] itemIds, int[] originY, int[] originX);
}
