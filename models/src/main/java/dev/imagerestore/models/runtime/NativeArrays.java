package dev.imagerestore.models.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Creates NDArrays from Java arrays in memory that PyTorch owns.
 *
 * <p>{@link NDManager#create(float[], Shape)} on the PyTorch engine wraps a direct buffer without
 * copying it. When such an array entered the UNet, the backward pass read garbage (NaN gradients
 * that changed with unrelated allocations), while the same values in PyTorch-allocated memory
 * trained correctly. Every tensor this project builds from Java data therefore goes through here:
 * the wrapped buffer is cloned into PyTorch memory and released at once.
 */
public final class NativeArrays {

    private NativeArrays() {}

    /** A PyTorch-owned float32 array of the given shape, holding a copy of {@code data}. */
    public static NDArray create(NDManager manager, float[] data, Shape shape) {
        try (NDArray wrapped = manager.create(data, shape)) {
            return wrapped.duplicate();
        }
    }

    /** A PyTorch-owned one-dimensional float32 array holding a copy of {@code data}. */
    public static NDArray create(NDManager manager, float[] data) {
        return create(manager, data, new Shape(data.length));
    }
}
