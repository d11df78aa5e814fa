package dev.imagerestore.models.unet.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** NDArray operations the PyTorch engine of DJL lacks as blocks. */
final class Ops {

    private Ops() {}

    /** SiLU (swish with beta 1): x * sigmoid(x). */
    static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    /**
     * Nearest-neighbour 2x upsampling of an NCHW array. The PyTorch engine of DJL does not implement
     * transposed convolution, so the UNet upsamples this way and follows with a 3x3 convolution, as
     * DDPM's UNet does.
     */
    static NDArray upsampleNearest2x(NDArray x) {
        return x.repeat(2, 2).repeat(3, 2);
    }
}
