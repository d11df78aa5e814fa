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
import dev.imagerestore.models.unet.UNetConfig;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The UNet of DDPM (Ho et al. 2020) at a configurable size: an input convolution, per level a run
 * of {@link ResBlock}s and a strided-convolution downsample, a middle of two residual blocks (with
 * optional {@link SelfAttention} between them), and the mirrored way up where each level first
 * concatenates the skip of its twin level, then nearest-neighbour upsampling plus a 3x3
 * convolution to the width of the level above (cheaper than DDPM's width-preserving one, which
 * would run the widest convolution at the higher resolution).
 *
 * <p>Inputs: {@code x (B, image+condition channels, H, W)} float32, {@code t (B)} float32 (the
 * diffusion timestep, fractional values allowed), and for label-conditioned models {@code label
 * (B)} (an index below {@link UNetConfig#labelCount()}, or {@code labelCount} for "no label").
 * Output: predicted noise {@code (B, image channels, H, W)}.
 */
public final class UNetBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    /**
     * The output convolution computes at least this many channels and keeps the first
     * {@code imageChannels}. oneDNN 3.7.1 (PyTorch 2.7.1) on AVX-512 CPUs returns wrong input
     * gradients, NaN among them, from the backward pass of a 3x3 convolution with fewer than 16
     * output channels; with 16 they are exact (see {@code UNetGradientTest}).
     */
    static final int MIN_OUTPUT_FILTERS = 16;

    private final UNetConfig config;
    private final Block embedding;
    private final Block labelEmbedding;
    private final Block inputConv;
    private final List<List<Block>> down = new ArrayList<>();
    private final List<Block> downsamples = new ArrayList<>();
    private final List<Block> middle = new ArrayList<>();
    private final List<List<Block>> up = new ArrayList<>();
    private final List<Block> upsamples = new ArrayList<>();
    private final Block outputNorm;
    private final Block outputConv;

    public UNetBlock(UNetConfig config) {
        super(VERSION);
        this.config = config;
        List<Integer> widths = config.widths();
        int levels = widths.size();
        int groups = config.groups();
        embedding = addChildBlock("time", new TimestepEmbedding(widths.get(0), config.embeddingWidth()));
        labelEmbedding = config.labelCount() == 0
                ? null
                : addChildBlock(
                        "label",
                        Linear.builder()
                                .setUnits(config.embeddingWidth())
                                .optBias(false)
                                .build());
        inputConv = addChildBlock("in", ResBlock.conv3x3(widths.get(0)));
        int current = widths.get(0);
        for (int level = 0; level < levels; level++) {
            List<Block> blocks = new ArrayList<>();
            for (int i = 0; i < config.resBlocksPerLevel(); i++) {
                blocks.add(addChildBlock("down" + level + "_" + i, new ResBlock(current, widths.get(level), groups)));
                current = widths.get(level);
            }
            down.add(blocks);
            if (level < levels - 1) {
                downsamples.add(addChildBlock(
                        "downsample" + level,
                        Conv2d.builder()
                                .setKernelShape(new Shape(3, 3))
                                .optPadding(new Shape(1, 1))
                                .optStride(new Shape(2, 2))
                                .setFilters(current)
                                .build()));
            }
        }
        middle.add(addChildBlock("mid0", new ResBlock(current, current, groups)));
        if (config.attentionAtLowest()) {
            middle.add(addChildBlock("midattention", new SelfAttention(current, groups)));
        }
        middle.add(addChildBlock("mid1", new ResBlock(current, current, groups)));
        for (int level = levels - 1; level >= 0; level--) {
            List<Block> blocks = new ArrayList<>();
            int width = widths.get(level);
            blocks.add(addChildBlock("up" + level + "_0", new ResBlock(current + width, width, groups)));
            for (int i = 1; i < config.resBlocksPerLevel(); i++) {
                blocks.add(addChildBlock("up" + level + "_" + i, new ResBlock(width, width, groups)));
            }
            current = width;
            up.add(blocks);
            if (level > 0) {
                current = widths.get(level - 1);
                upsamples.add(addChildBlock("upsample" + level, ResBlock.conv3x3(current)));
            }
        }
        outputNorm = addChildBlock("outnorm", new GroupNorm(groups, widths.get(0)));
        outputConv = addChildBlock("out", ResBlock.conv3x3(Math.max(MIN_OUTPUT_FILTERS, config.imageChannels())));
    }

    public UNetConfig config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray emb =
                embedding.forward(store, new NDList(inputs.get(1)), training).head();
        if (labelEmbedding != null) {
            NDArray oneHot = inputs.get(2).toType(DataType.INT64, false).oneHot(config.labelCount() + 1);
            emb = emb.add(
                    labelEmbedding.forward(store, new NDList(oneHot), training).head());
        }
        NDArray h = inputConv.forward(store, new NDList(x), training).head();
        Deque<NDArray> skips = new ArrayDeque<>();
        for (int level = 0; level < down.size(); level++) {
            for (Block block : down.get(level)) {
                h = replace(
                        h, block.forward(store, new NDList(h, emb), training).head(), skips, training);
            }
            skips.push(h);
            if (level < downsamples.size()) {
                h = downsamples
                        .get(level)
                        .forward(store, new NDList(h), training)
                        .head();
            }
        }
        for (Block block : middle) {
            NDList in = block instanceof ResBlock ? new NDList(h, emb) : new NDList(h);
            h = replace(h, block.forward(store, in, training).head(), skips, training);
        }
        for (int i = 0; i < up.size(); i++) {
            NDArray skip = skips.pop();
            NDArray joined = h.concat(skip, 1);
            Ops.free(training, h, skip);
            h = joined;
            for (Block block : up.get(i)) {
                h = replace(
                        h, block.forward(store, new NDList(h, emb), training).head(), skips, training);
            }
            if (i < upsamples.size()) {
                NDArray larger = Ops.upsampleNearest2x(h);
                Ops.free(training, h);
                h = upsamples
                        .get(i)
                        .forward(store, new NDList(larger), training)
                        .head();
                Ops.free(training, larger);
            }
        }
        NDArray a =
                Ops.siluOwned(outputNorm.forward(store, new NDList(h), training).head(), training);
        Ops.free(training, h);
        h = outputConv.forward(store, new NDList(a), training).head();
        Ops.free(training, a);
        return new NDList(h.get(":, 0:" + config.imageChannels()));
    }

    /**
     * The output of a block that consumed {@code previous}: when not training, {@code previous} is
     * released unless a skip connection still needs it (the lowest level's skip is the middle
     * blocks' input).
     */
    private static NDArray replace(NDArray previous, NDArray next, Deque<NDArray> skips, boolean training) {
        if (next == previous) {
            return next;
        }
        for (NDArray skip : skips) {
            if (skip == previous) {
                return next;
            }
        }
        Ops.free(training, previous);
        return next;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {new Shape(x.get(0), config.imageChannels(), x.get(2), x.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        long batch = x.get(0);
        Shape embShape = init(embedding, manager, dataType, inputShapes[1]);
        if (labelEmbedding != null) {
            init(labelEmbedding, manager, dataType, new Shape(batch, config.labelCount() + 1));
        }
        Shape h = init(inputConv, manager, dataType, x);
        Deque<Shape> skips = new ArrayDeque<>();
        for (int level = 0; level < down.size(); level++) {
            for (Block block : down.get(level)) {
                h = init(block, manager, dataType, h, embShape);
            }
            skips.push(h);
            if (level < downsamples.size()) {
                h = init(downsamples.get(level), manager, dataType, h);
            }
        }
        for (Block block : middle) {
            h = block instanceof ResBlock
                    ? init(block, manager, dataType, h, embShape)
                    : init(block, manager, dataType, h);
        }
        for (int i = 0; i < up.size(); i++) {
            Shape skip = skips.pop();
            h = new Shape(batch, h.get(1) + skip.get(1), h.get(2), h.get(3));
            for (Block block : up.get(i)) {
                h = init(block, manager, dataType, h, embShape);
            }
            if (i < upsamples.size()) {
                h = init(upsamples.get(i), manager, dataType, new Shape(batch, h.get(1), h.get(2) * 2, h.get(3) * 2));
            }
        }
        h = init(outputNorm, manager, dataType, h);
        init(outputConv, manager, dataType, h);
    }

    private static Shape init(Block block, NDManager manager, DataType dataType, Shape... shapes) {
        block.initialize(manager, dataType, shapes);
        return block.getOutputShapes(shapes)[0];
    }
}
