package dev.imagerestore.models.restore;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.inpaint.HoleFill;
import dev.imagerestore.models.inpaint.Mask;
import dev.imagerestore.models.inpaint.MaskFill;
import dev.imagerestore.models.restore.internal.ResidualAsNoise;
import dev.imagerestore.models.runtime.NativeArrays;
import dev.imagerestore.models.sampler.NoiseSource;
import dev.imagerestore.models.sampler.NoiseSources;
import dev.imagerestore.models.sampler.Sampler;
import dev.imagerestore.models.sampler.SamplerKind;
import dev.imagerestore.models.sampler.SamplingLoop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Blind restoration of real scans and photographs (grain, sensor noise, JPEG, mild blur) with a
 * {@link RestorationNetwork}: no noise level is asked for or estimated. The image is covered by a
 * {@link TileGrid}; the network's {@code x_0} at {@code t = T - 1} with an empty state is the one-step
 * posterior mean, the default result, deterministic ({@link RestorationNetwork}). With refinement
 * steps the configured sampler runs instead from pure noise at
 * {@link RestorationNetwork#refinementStart} (drawn from a counter-based source keyed by the image id
 * and the absolute pixel position, so the result does not depend on the tiling's batching), the
 * network's {@code x_0} turned into a noise prediction ({@link ResidualAsNoise}). Tiles are blended by a {@link TileAccumulator}; one-channel images are
 * fed as three equal channels and the output averaged; the bit depth is kept.
 *
 * <p>A damage {@link Mask} (from a detector or a file) goes into the network's mask channel: a model
 * trained with damage ({@code train --degradation ... --damage-share}) fills the flagged pixels from
 * their surroundings while it restores the rest, in the same single evaluation.
 *
 * <p>Build with {@link #builder()}. Immutable and thread-safe: each call opens its own predictor;
 * the model must stay open while the restorer is used.
 */
public final class BlindRestorer {

    /**
     * The step of the counter-based field {@code x_T} is drawn at: -1, as the translator draws its
     * initial noise, so that it never equals the noise a stochastic refinement sampler draws at its
     * evaluations 0, 1, ...
     */
    private static final int INITIAL_NOISE_STEP = -1;

    /** The restored image and how far it moved from the input. */
    public record Result(FloatImage image, double rmsChange) {}

    private final DiffusionModel model;
    private final int tileSize;
    private final int overlap;
    private final int batchSize;
    private final int refineSteps;
    private final SamplerKind sampler;
    private final long seed;

    private BlindRestorer(Builder b) {
        this.model = b.model;
        this.tileSize = b.tileSize;
        this.overlap = b.overlap;
        this.batchSize = b.batchSize;
        this.refineSteps = b.refineSteps;
        this.sampler = b.sampler;
        this.seed = b.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether {@code model} is a blind restorer (its card's prediction and conditions say so). */
    public static boolean accepts(DiffusionModel model) {
        return RestorationNetwork.PREDICTION.equals(model.card().prediction())
                && RestorationNetwork.CONDITIONS.equals(model.card().conditions());
    }

    /**
     * This restorer as a fill of given masks: each image is restored with its mask as the damage
     * condition, and only the masked pixels are taken from the result; the others stay bit for bit
     * (the restorer's other changes, its denoising, are left out).
     */
    public MaskFill maskFill() {
        return new MaskFill() {
            @Override
            public FloatImage inpaint(FloatImage image, Mask mask) {
                Mask sized = mask.resizedTo(image.height(), image.width());
                if (sized.isEmpty()) {
                    return image;
                }
                FloatImage guess = HoleFill.fill(image, sized);
                return sized.select(restore(guess, sized, 0).image(), image);
            }

            @Override
            public String describe() {
                return "mask-conditioned restorer " + model.card().name() + ", one step"
                        + (refineSteps > 0 ? " + " + refineSteps + " " + sampler + " steps" : "") + ", tile "
                        + tileSize + ", overlap " + overlap;
            }
        };
    }

    /** Restores {@code degraded} as image {@code imageId} (the key of its noise draws), with no damage flagged. */
    public Result restore(FloatImage degraded, long imageId) {
        return restore(degraded, null, imageId);
    }

    /**
     * Restores {@code degraded} as image {@code imageId}, repairing the pixels {@code damage} flags
     * (null or empty for none; it must have the image's size).
     */
    public Result restore(FloatImage degraded, Mask damage, long imageId) {
        if (degraded.channels() != 1 && degraded.channels() != 3) {
            throw new IllegalArgumentException("a " + degraded.channels() + "-channel image cannot be restored; "
                    + "convert it to 1 or 3 channels");
        }
        if (damage != null && (damage.height() != degraded.height() || damage.width() != degraded.width())) {
            throw new IllegalArgumentException("the damage mask is " + damage.height() + "x" + damage.width()
                    + " but the image is " + degraded.height() + "x" + degraded.width()
                    + "; give a mask of the image's size");
        }
        FloatImage maskPlane = damage == null || damage.isEmpty() ? null : damage.toImage();
        TileGrid grid = grid(degraded.height(), degraded.width());
        TileAccumulator accumulator = new TileAccumulator(grid, degraded.channels(), degraded.bitDepth());
        List<TileRegion> regions = grid.tiles();
        try (Session session = new Session()) {
            for (int from = 0; from < regions.size(); from += batchSize) {
                List<TileRegion> chunk = regions.subList(from, Math.min(regions.size(), from + batchSize));
                List<float[]> samples = new ArrayList<>(chunk.size());
                List<float[]> masks = new ArrayList<>(chunk.size());
                for (TileRegion region : chunk) {
                    samples.add(grid.extract(degraded, region, 3));
                    masks.add(maskPlane == null ? null : grid.extract(maskPlane, region, 1));
                }
                float[][] tiles = session.restore(grid.tileSize(), chunk, samples, masks, imageId);
                for (int k = 0; k < chunk.size(); k++) {
                    accumulator.add(chunk.get(k), tiles[k]);
                }
            }
        }
        FloatImage out = accumulator.result();
        return new Result(out, degraded.rmsChange(out));
    }

    /**
     * The grid {@link #restore} covers an {@code height x width} image with: tiles of one such grid,
     * restored in its order in batches of {@link #batchSize()} by {@link #restoreTiles}, and blended
     * by a {@link TileAccumulator}, give exactly the result of {@code restore}.
     */
    public TileGrid grid(int height, int width) {
        return TileGrid.cover(height, width, tileSize, overlap, model.sizeMultiple());
    }

    /** Tiles per forward pass. */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Restores one batch of tiles of image {@code imageId} with no damage flagged: {@code samples}
     * holds each region's planar three-channel samples as {@link TileGrid#extract} gives them. The
     * results are in the same layout. The forward pass sees exactly this batch, so the same tiles in
     * the same batches give the same results as {@link #restore}'s.
     */
    public float[][] restoreTiles(int tileSize, List<TileRegion> regions, List<float[]> samples, long imageId) {
        if (regions.isEmpty() || regions.size() != samples.size()) {
            throw new IllegalArgumentException("a batch needs one sample array per region, got " + regions.size()
                    + " regions and " + samples.size() + " sample arrays");
        }
        List<float[]> masks = new ArrayList<>(regions.size());
        for (int k = 0; k < regions.size(); k++) {
            masks.add(null);
        }
        return restoreTiles(tileSize, regions, samples, masks, imageId);
    }

    /**
     * As above, with each tile's damage plane ({@code tileSize x tileSize}, 1 = repair; null for
     * none) in the mask channel.
     */
    public float[][] restoreTiles(
            int tileSize, List<TileRegion> regions, List<float[]> samples, List<float[]> masks, long imageId) {
        if (regions.isEmpty() || regions.size() != samples.size() || regions.size() != masks.size()) {
            throw new IllegalArgumentException("a batch needs one sample array and one mask per region, got "
                    + regions.size() + " regions, " + samples.size() + " sample arrays and " + masks.size()
                    + " masks");
        }
        try (Session session = new Session()) {
            return session.restore(tileSize, regions, samples, masks, imageId);
        }
    }

    /** A predictor, the refinement sampler and the noise source, open for a run of batches. */
    private final class Session implements AutoCloseable {

        private final NoiseSource noise = NoiseSources.counterBased(seed);
        private final Sampler refine =
                refineSteps == 0 ? null : SamplingLoop.of(sampler.scheduler(model.schedule(), refineSteps, 0));
        private final double start =
                refine == null ? model.schedule().steps() - 1 : RestorationNetwork.refinementStart(model.schedule());
        private final NDManager manager = NDManager.newBaseManager(model.device(), "PyTorch");
        private final ResidualAsNoise network = new ResidualAsNoise(model.newPredictor(), model.schedule());

        float[][] restore(int s, List<TileRegion> chunk, List<float[]> samples, List<float[]> masks, long imageId) {
            try (NDManager scope = manager.newSubManager()) {
                return restoreBatch(scope, network, refine, noise, s, chunk, samples, masks, imageId, start);
            }
        }

        @Override
        public void close() {
            try {
                network.close();
            } finally {
                manager.close();
            }
        }
    }

    private float[][] restoreBatch(
            NDManager scope,
            ResidualAsNoise network,
            Sampler refine,
            NoiseSource noise,
            int s,
            List<TileRegion> chunk,
            List<float[]> samples,
            List<float[]> masks,
            long imageId,
            double start) {
        int n = chunk.size();
        float[] y = new float[n * 3 * s * s];
        float[] m = new float[n * s * s];
        long[] ids = new long[n];
        int[] ys = new int[n];
        int[] xs = new int[n];
        for (int k = 0; k < n; k++) {
            TileRegion region = chunk.get(k);
            if (samples.get(k).length != 3 * s * s || region.size() != s) {
                throw new IllegalArgumentException(
                        "tile " + region + " needs 3 x " + s + " x " + s + " samples, got " + samples.get(k).length);
            }
            System.arraycopy(samples.get(k), 0, y, k * 3 * s * s, 3 * s * s);
            if (masks.get(k) != null) {
                System.arraycopy(masks.get(k), 0, m, k * s * s, s * s);
            }
            ids[k] = imageId;
            ys[k] = region.y();
            xs[k] = region.x();
        }
        Shape shape = new Shape(n, 3, s, s);
        NoiseSource placed = NoiseSources.placed(noise, ids, ys, xs);
        long[] local = new long[n];
        Arrays.setAll(local, i -> i);
        int[] zero = new int[n];
        NDArray conditions = NativeArrays.create(scope, y, shape)
                .mul(2)
                .sub(1)
                .concat(NativeArrays.create(scope, m, new Shape(n, 1, s, s)), 1);
        NDArray x0;
        if (refine == null) {
            float[] t = new float[n];
            Arrays.fill(t, (float) start);
            x0 = network.cleanEstimate(scope.zeros(shape).concat(conditions, 1), NativeArrays.create(scope, t));
        } else {
            NDArray xT = placed.normal(scope, INITIAL_NOISE_STEP, shape, local, zero, zero);
            x0 = refine.sample(network, xT, start, conditions, null, placed);
        }
        float[] values = x0.add(1).div(2).toFloatArray();
        float[][] out = new float[n][];
        for (int k = 0; k < n; k++) {
            out[k] = Arrays.copyOfRange(values, k * 3 * s * s, (k + 1) * 3 * s * s);
        }
        return out;
    }

    public int refineSteps() {
        return refineSteps;
    }

    /** Builder: {@code setModel} is required, the rest optional. */
    public static final class Builder {

        private DiffusionModel model;
        private int tileSize = Denoiser.DEFAULT_TILE_SIZE;
        private int overlap = Denoiser.DEFAULT_OVERLAP;
        private int batchSize = 4;
        private int refineSteps;
        private SamplerKind sampler = SamplerKind.DDIM;
        private long seed;

        private Builder() {}

        /** The restoration model; it stays the caller's and must outlive the restorer. */
        public Builder setModel(DiffusionModel value) {
            this.model = Objects.requireNonNull(value, "model");
            return this;
        }

        public Builder optTileSize(int value) {
            this.tileSize = value;
            return this;
        }

        public Builder optOverlap(int value) {
            this.overlap = value;
            return this;
        }

        public Builder optBatchSize(int value) {
            this.batchSize = value;
            return this;
        }

        /** Sampler steps from {@code T - 1} instead of the one-step estimate (0, the default, for none). */
        public Builder optRefineSteps(int value) {
            this.refineSteps = value;
            return this;
        }

        public Builder optSampler(SamplerKind value) {
            this.sampler = Objects.requireNonNull(value, "sampler");
            return this;
        }

        public Builder optSeed(long value) {
            this.seed = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the setting, its value and the rule */
        public BlindRestorer build() {
            if (model == null) {
                throw new IllegalArgumentException("a model is required: call setModel");
            }
            if (!accepts(model)) {
                throw new IllegalArgumentException("model '" + model.card().name() + "' predicts '"
                        + model.card().prediction() + "' from " + model.card().conditions() + "; blind restoration "
                        + "needs a restorer ('" + RestorationNetwork.PREDICTION + "' from "
                        + RestorationNetwork.CONDITIONS + "), e.g. models/zoo/restore-small");
            }
            if (tileSize < model.sizeMultiple() || overlap < 0 || 2 * overlap >= tileSize) {
                throw new IllegalArgumentException("tile size " + tileSize + " and overlap " + overlap
                        + " must satisfy " + model.sizeMultiple() + " <= tile size and 0 <= 2 x overlap < tile size");
            }
            if (batchSize < 1
                    || refineSteps < 0
                    || refineSteps > model.schedule().steps()) {
                throw new IllegalArgumentException("batch size must be >= 1 (got " + batchSize
                        + ") and refinement steps in [0, " + model.schedule().steps() + "] (got " + refineSteps + ")");
            }
            return new BlindRestorer(this);
        }
    }
}
