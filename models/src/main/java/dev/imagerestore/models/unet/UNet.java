package dev.imagerestore.models.unet;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import dev.imagerestore.models.unet.internal.UNetBlock;

/**
 * Factory of the project's noise-predicting UNet eps_theta(x_t, t) (Ho et al., "Denoising Diffusion
 * Probabilistic Models", NeurIPS 2020), built from DJL blocks.
 *
 * <p>The block takes {@code [x (B, C_in, H, W) float32, t (B) float32]} plus {@code label (B)} for
 * label-conditioned models, and returns the predicted noise {@code (B, imageChannels, H, W)}.
 * H and W must be multiples of {@link UNetConfig#sizeMultiple()}.
 */
public final class UNet {

    private UNet() {}

    /** A new, uninitialised UNet block: Glorot-uniform kernels, zero biases, unit GroupNorm scales. */
    public static Block build(UNetConfig config) {
        Block block = new UNetBlock(config);
        block.setInitializer(
                new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 3),
                Parameter.Type.WEIGHT);
        block.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
        block.setInitializer(Initializer.ONES, Parameter.Type.GAMMA);
        block.setInitializer(Initializer.ZEROS, Parameter.Type.BETA);
        return block;
    }

    /** The input shapes to initialise a block with, for a batch of {@code batch} tiles of {@code size}. */
    public static Shape[] inputShapes(UNetConfig config, int batch, int size) {
        Shape x = new Shape(batch, config.inputChannels(), size, size);
        Shape t = new Shape(batch);
        return config.labelCount() == 0 ? new Shape[] {x, t} : new Shape[] {x, t, new Shape(batch)};
    }
}
