package dev.imagerestore.models.unet.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * NDArray operations the PyTorch engine of DJL lacks as blocks, and the memory discipline of the
 * UNet's inference path.
 *
 * <p>DJL keeps every intermediate array of a forward pass until its manager closes, so one pass over
 * a batch of 160x160 tiles held some hundred megabytes that the allocator handed back to the kernel
 * and faulted in again on the next pass (about 10,000 page faults a pass on the 2-core machine). When
 * not training, the blocks therefore compute element-wise steps in place and {@link #free} each
 * intermediate as soon as its consumer has run, so a pass holds only the skips and a few arrays at a
 * time. In training every array stays, as autograd needs them; the arithmetic is the same either way.
 */
final class Ops {

    private Ops() {}

    /** SiLU (swish with beta 1): x * sigmoid(x), into a new array. */
    static NDArray silu(NDArray x, boolean training) {
        if (training) {
            return x.mul(Activation.sigmoid(x));
        }
        NDArray out = Activation.sigmoid(x);
        out.muli(x);
        return out;
    }

    /**
     * SiLU of an array the caller owns and will not use again: computed in place when not training
     * (the array itself is returned), into a new array when training.
     */
    static NDArray siluOwned(NDArray x, boolean training) {
        if (training) {
            return silu(x, true);
        }
        NDArray gate = Activation.sigmoid(x);
        x.muli(gate);
        gate.close();
        return x;
    }

    /** Releases intermediate arrays of an inference pass; a no-op in training, where autograd keeps them. */
    static void free(boolean training, NDArray... arrays) {
        if (!training) {
            for (NDArray array : arrays) {
                array.close();
            }
        }
    }

    /**
     * Nearest-neighbour 2x upsampling of an NCHW array. The PyTorch engine of DJL does not implement
     * transposed convolution, so the UNet upsamples this way and follows with a 3x3 convolution, as
     * DDPM's UNet does.
     */
    static NDArray upsampleNearest2x(NDArray x) {
        Shape s = x.getShape();
        return x.getNDArrayInternal().interpolation(new long[] {s.get(2) * 2, s.get(3) * 2}, NEAREST, false);
    }

    /** The PyTorch engine's interpolation mode number for nearest-neighbour sampling. */
    private static final int NEAREST = 0;
}
