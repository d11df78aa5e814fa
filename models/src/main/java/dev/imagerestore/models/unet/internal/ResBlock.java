package dev.imagerestore.models.unet.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * DDPM residual block (Ho et al. 2020, appendix B): GroupNorm, SiLU, 3x3 convolution, plus a
 * projection of the timestep embedding added per channel, then GroupNorm, SiLU, 3x3 convolution,
 * and a 1x1 convolution on the shortcut when the width changes.
 *
 * <p>Inputs: {@code [x (B,in,H,W), embedding (B,E)]}; output: {@code (B,out,H,W)}.
 */
public final class ResBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int outChannels;
    private final Block norm1;
    private final Block conv1;
    private final Block embedProjection;
    private final Block norm2;
    private final Block conv2;
    private final Block shortcut;

    public ResBlock(int inChannels, int outChannels, int groups) {
        super(VERSION);
        this.outChannels = outChannels;
        norm1 = addChildBlock("norm1", new GroupNorm(groups, inChannels));
        conv1 = addChildBlock("conv1", conv3x3(outChannels));
        embedProjection =
                addChildBlock("embed", Linear.builder().setUnits(outChannels).build());
        norm2 = addChildBlock("norm2", new GroupNorm(groups, outChannels));
        conv2 = addChildBlock("conv2", conv3x3(outChannels));
        shortcut = inChannels == outChannels
                ? null
                : addChildBlock(
                        "shortcut",
                        Conv2d.builder()
                                .setKernelShape(new Shape(1, 1))
                                .setFilters(outChannels)
                                .build());
    }

    static Conv2d conv3x3(int filters) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .setFilters(filters)
                .build();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray embedding = inputs.get(1);
        NDArray a = Ops.siluOwned(norm1.forward(store, new NDList(x), training).head(), training);
        NDArray h = conv1.forward(store, new NDList(a), training).head();
        Ops.free(training, a);
        NDArray e = embedProjection
                .forward(store, new NDList(Ops.silu(embedding, training)), training)
                .head();
        NDArray perChannel = e.reshape(e.getShape().get(0), outChannels, 1, 1);
        if (training) {
            h = h.add(perChannel);
        } else {
            h.addi(perChannel);
        }
        a = Ops.siluOwned(norm2.forward(store, new NDList(h), training).head(), training);
        Ops.free(training, h);
        h = conv2.forward(store, new NDList(a), training).head();
        Ops.free(training, a);
        if (shortcut == null) {
            return new NDList(training ? h.add(x) : h.addi(x));
        }
        NDArray skip = shortcut.forward(store, new NDList(x), training).head();
        if (training) {
            return new NDList(h.add(skip));
        }
        h.addi(skip);
        skip.close();
        return new NDList(h);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {new Shape(x.get(0), outChannels, x.get(2), x.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        Shape out = getOutputShapes(inputShapes)[0];
        norm1.initialize(manager, dataType, x);
        conv1.initialize(manager, dataType, x);
        embedProjection.initialize(manager, dataType, inputShapes[1]);
        norm2.initialize(manager, dataType, out);
        conv2.initialize(manager, dataType, out);
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, x);
        }
    }
}
