package dev.imagerestore.models.unet.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.imagerestore.models.runtime.NativeArrays;

/**
 * Transformer sinusoidal embedding of the (possibly fractional) timestep, followed by a two-layer
 * MLP with SiLU, as in DDPM. Input: {@code t (B)}, float (float32 or float64) or integer; output: {@code (B, width)}.
 */
public final class TimestepEmbedding extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int sinusoidWidth;
    private final Block dense1;
    private final Block dense2;

    public TimestepEmbedding(int sinusoidWidth, int width) {
        super(VERSION);
        if (sinusoidWidth % 2 != 0) {
            throw new IllegalArgumentException("sinusoidWidth must be even, got " + sinusoidWidth);
        }
        this.sinusoidWidth = sinusoidWidth;
        dense1 = addChildBlock("dense1", Linear.builder().setUnits(width).build());
        dense2 = addChildBlock("dense2", Linear.builder().setUnits(width).build());
    }

    /** The sinusoids {@code [sin(t f_i), cos(t f_i)]} with {@code f_i = 10000^(-i/half)}. */
    public static NDArray sinusoids(NDArray t, int width) {
        int half = width / 2;
        float[] frequencies = new float[half];
        for (int i = 0; i < half; i++) {
            frequencies[i] = (float) Math.exp(-Math.log(10000.0) * i / half);
        }
        NDManager manager = t.getManager();
        DataType type = t.getDataType().isFloating() ? t.getDataType() : DataType.FLOAT32;
        NDArray f = NativeArrays.create(manager, frequencies).reshape(1, half).toType(type, false);
        NDArray angles = t.toType(type, false).reshape(-1, 1).mul(f);
        return angles.sin().concat(angles.cos(), 1);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray s = sinusoids(inputs.singletonOrThrow(), sinusoidWidth);
        NDArray h = Ops.siluOwned(dense1.forward(store, new NDList(s), training).head(), training);
        return dense2.forward(store, new NDList(h), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return dense2.getOutputShapes(dense1.getOutputShapes(new Shape[] {sinusoidShape(inputShapes[0])}));
    }

    private Shape sinusoidShape(Shape t) {
        return new Shape(t.get(0), sinusoidWidth);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = sinusoidShape(inputShapes[0]);
        dense1.initialize(manager, dataType, s);
        dense2.initialize(manager, dataType, dense1.getOutputShapes(new Shape[] {s}));
    }
}
