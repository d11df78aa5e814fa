package dev.imagerestore.models.unet.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Single-head spatial self-attention with a residual connection, as at the low resolutions of
 * DDPM's UNet. Cost grows with the square of H*W, so the UNet uses it only at its lowest level.
 */
public final class SelfAttention extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int channels;
    private final Block norm;
    private final Block qkv;
    private final Block projection;

    public SelfAttention(int channels, int groups) {
        super(VERSION);
        this.channels = channels;
        norm = addChildBlock("norm", new GroupNorm(groups, channels));
        qkv = addChildBlock(
                "qkv",
                Conv2d.builder()
                        .setKernelShape(new Shape(1, 1))
                        .setFilters(3 * channels)
                        .build());
        projection = addChildBlock(
                "proj",
                Conv2d.builder()
                        .setKernelShape(new Shape(1, 1))
                        .setFilters(channels)
                        .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        long b = s.get(0);
        long n = s.get(2) * s.get(3);
        NDArray h = norm.forward(store, new NDList(x), training).head();
        NDArray all = qkv.forward(store, new NDList(h), training).head().reshape(b, 3, channels, n);
        NDArray q = all.get(":,0,:,:");
        NDArray k = all.get(":,1,:,:");
        NDArray v = all.get(":,2,:,:");
        NDArray scores = q.transpose(0, 2, 1).matMul(k).div(Math.sqrt(channels));
        NDArray weights = scores.softmax(-1);
        NDArray attended = v.matMul(weights.transpose(0, 2, 1)).reshape(s);
        return new NDList(
                x.add(projection.forward(store, new NDList(attended), training).head()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        norm.initialize(manager, dataType, x);
        qkv.initialize(manager, dataType, x);
        projection.initialize(manager, dataType, x);
    }
}
