package dev.imagerestore.models.unet.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Group normalisation (Wu and He, "Group Normalization", ECCV 2018) of an NCHW array with a learned
 * per-channel scale and shift. DJL has no GroupNorm block; this one runs PyTorch's fused layer
 * norm over each group of {@code (C/G) x H x W} values (numerically stable, one kernel forward and
 * backward), then applies the per-channel affine map.
 */
public final class GroupNorm extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final float EPSILON = 1e-5f;

    private final int groups;
    private final int channels;
    private final Parameter gamma;
    private final Parameter beta;

    public GroupNorm(int groups, int channels) {
        super(VERSION);
        if (channels % groups != 0) {
            throw new IllegalArgumentException("channels=" + channels + " is not divisible by groups=" + groups);
        }
        this.groups = groups;
        this.channels = channels;
        gamma = addParameter(Parameter.builder()
                .setName("gamma")
                .setType(Parameter.Type.GAMMA)
                .optShape(new Shape(channels))
                .build());
        beta = addParameter(Parameter.builder()
                .setName("beta")
                .setType(Parameter.Type.BETA)
                .optShape(new Shape(channels))
                .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        long b = s.get(0);
        NDArray grouped = x.reshape(b, groups, -1);
        long perGroup = grouped.getShape().get(2);
        NDManager manager = x.getManager();
        NDArray unitScale = manager.ones(new Shape(perGroup), x.getDataType());
        NDArray zeroShift = manager.zeros(new Shape(perGroup), x.getDataType());
        NDArray flat = x.getNDArrayInternal()
                .layerNorm(grouped, new Shape(perGroup), unitScale, zeroShift, EPSILON)
                .head();
        NDArray normed = flat.reshape(s);
        // Views share their base's storage: released here, the input's storage can go once the
        // caller frees the input, and the normalised values live on in `normed` alone.
        Ops.free(training, grouped, flat, unitScale, zeroShift);
        // The reshaped views would belong to the weights' manager and outlive the call; tie them to
        // the input's manager so inference frees them with its other temporaries.
        NDArray g = store.getValue(gamma, x.getDevice(), training).reshape(1, channels, 1, 1);
        g.attach(manager);
        NDArray bt = store.getValue(beta, x.getDevice(), training).reshape(1, channels, 1, 1);
        bt.attach(manager);
        if (training) {
            return new NDList(normed.mul(g).add(bt));
        }
        normed.muli(g).addi(bt);
        return new NDList(normed);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
