package dev.imagerestore.models.restore;

import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.image.Dihedral;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.sampler.SamplerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Removes additive white Gaussian noise of a known (or estimated) level from images of any size with
 * a noise-predicting diffusion network, tile by tile.
 *
 * <p>The image is covered by a {@link TileGrid}; tiles are restored in batches by a
 * {@link TileBatchDenoiser} (one-step posterior mean by default, sampler refinement on request) and
 * blended back by a {@link TileAccumulator}, so no more than {@code batchSize} tiles are ever a tensor.
 * A one-channel image is fed to a three-channel network as three equal channels and the output
 * channels are averaged, as the models were trained (channel-equal noise for grayscale); the bit depth
 * of the input is kept. The result does not depend on {@code batchSize} beyond float rounding.
 *
 * <p>Build with {@link #builder()}. Immutable and thread-safe: each call opens its own predictor;
 * the model must stay open while the denoiser is used.
 */
public final class Denoiser {

    private final DenoisingNetwork network;
    private final DenoiseSettings settings;
    private final NoiseEstimator estimator;

    private Denoiser(DenoisingNetwork network, DenoiseSettings settings, NoiseEstimator estimator) {
        this.network = network;
        this.settings = settings;
        this.estimator = estimator;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Denoises an image whose noise has standard deviation {@code pixelSigma} on the 0-255 scale. */
    public FloatImage denoise(FloatImage noisy, double pixelSigma) {
        if (noisy.channels() != 1 && noisy.channels() != network.imageChannels()) {
            throw new IllegalArgumentException("a " + noisy.channels() + "-channel image cannot be denoised by a "
                    + network.imageChannels() + "-channel network; convert it to 1 or 3 channels");
        }
        TileGrid grid = grid(noisy.height(), noisy.width());
        TileAccumulator accumulator = new TileAccumulator(grid, noisy.channels(), noisy.bitDepth());
        List<TileRegion> regions = grid.tiles();
        try (TileBatchDenoiser batches = openBatchDenoiser()) {
            for (int from = 0; from < regions.size(); from += settings.batchSize()) {
                List<TileRegion> chunk = regions.subList(from, Math.min(regions.size(), from + settings.batchSize()));
                List<TileInput> inputs = new ArrayList<>(chunk.size());
                for (TileRegion region : chunk) {
                    inputs.add(TileInput.of(grid.extract(noisy, region, network.imageChannels()), region, pixelSigma));
                }
                List<float[]> restored = batches.denoise(inputs);
                for (int k = 0; k < chunk.size(); k++) {
                    accumulator.add(chunk.get(k), restored.get(k));
                }
            }
        }
        return accumulator.result();
    }

    /** Denoises with the noise level the {@link NoiseEstimator} finds in the image. */
    public FloatImage denoiseBlind(FloatImage noisy) {
        return denoise(noisy, estimateSigma(noisy));
    }

    /** The noise level the blind mode would use, on the 0-255 scale. */
    public double estimateSigma(FloatImage noisy) {
        return estimator.estimate(noisy);
    }

    /** The tiling this denoiser uses for an image of {@code height x width}. */
    public TileGrid grid(int height, int width) {
        return TileGrid.cover(height, width, settings.tileSize(), settings.overlap(), network.sizeMultiple());
    }

    /** A batch denoiser with these settings, confined to the calling thread; close it when done. */
    public TileBatchDenoiser openBatchDenoiser() {
        return new TileBatchDenoiser(network, settings);
    }

    public int channels() {
        return network.imageChannels();
    }

    public int refineSteps() {
        return settings.refineSteps();
    }

    /** How many tile symmetries each tile is restored through and averaged over; 1 when off. */
    public int selfEnsemble() {
        return settings.selfEnsemble();
    }

    /** Whether {@code count} is a self-ensemble size {@link Builder#optSelfEnsemble} takes: 1, 2, 4 or 8. */
    public static boolean isSelfEnsembleSize(int count) {
        return Dihedral.isValidCount(count);
    }

    /**
     * Default largest tile side. 160 with a 16-pixel overlap restored CBSD68 at sigma 25 as well as 256
     * with 32 (first-phase weights: 30.58 against 30.55 dB) while covering 481x321 images with fewer
     * redundant pixels, so faster; {@link TileGrid} then fits the side to each image size (120 for 481x321, same PSNR).
     */
    public static final int DEFAULT_TILE_SIZE = 160;

    /** Default overlap of neighbouring tiles, see {@link #DEFAULT_TILE_SIZE}. */
    public static final int DEFAULT_OVERLAP = 16;

    /** Builder: {@code setModel} (or {@code setNetwork}) is required, the rest optional. */
    public static final class Builder {

        private DenoisingNetwork network;
        private int tileSize = DEFAULT_TILE_SIZE;
        private int overlap = DEFAULT_OVERLAP;
        private int batchSize = 4;
        private int refineSteps;
        private SamplerKind sampler = SamplerKind.DDIM;
        private double eta;
        private long seed;
        private int selfEnsemble = 1;
        private NoiseEstimator estimator = NoiseEstimator.create();

        private Builder() {}

        /** The model to denoise with; it stays the caller's and must outlive the denoiser. */
        public Builder setModel(DiffusionModel model) {
            this.network = DenoisingNetwork.of(Objects.requireNonNull(model, "model"));
            return this;
        }

        /** Any noise-predicting network (e.g. a TorchScript export), in place of {@link #setModel}. */
        public Builder setNetwork(DenoisingNetwork value) {
            this.network = Objects.requireNonNull(value, "network");
            return this;
        }

        /** Largest tile side (default {@value #DEFAULT_TILE_SIZE}); a multiple of the model's size multiple. */
        public Builder optTileSize(int value) {
            this.tileSize = value;
            return this;
        }

        /** Pixels shared by neighbouring tiles (default {@value #DEFAULT_OVERLAP}), at most half the tile size. */
        public Builder optOverlap(int value) {
            this.overlap = value;
            return this;
        }

        /** Tiles per forward pass (default 4). */
        public Builder optBatchSize(int value) {
            this.batchSize = value;
            return this;
        }

        /** Sampler steps from the noise level of the input; 0 (default) returns the one-step estimate. */
        public Builder optRefineSteps(int value) {
            this.refineSteps = value;
            return this;
        }

        /** The sampler refinement runs (default DDIM). */
        public Builder optSampler(SamplerKind value) {
            this.sampler = Objects.requireNonNull(value, "sampler");
            return this;
        }

        /** DDIM's eta in [0, 1] (default 0: deterministic). */
        public Builder optEta(double value) {
            this.eta = value;
            return this;
        }

        /** Seed of the refinement noise (default 0). */
        public Builder optSeed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * Geometric self-ensemble (default 1: off): restore every tile through the first {@code count}
         * of the eight flips and transpositions of a square and average the results mapped back
         * (Lim et al. 2017's "+" models; Zhang et al. 2021, DRUNet). Costs {@code count} times the
         * network time; docs/models.md gives what it gains with the default model. One of 1, 2, 4, 8.
         */
        public Builder optSelfEnsemble(int count) {
            this.selfEnsemble = count;
            return this;
        }

        /** The blind mode's noise estimator (default {@link NoiseEstimator#create()}). */
        public Builder optEstimator(NoiseEstimator value) {
            this.estimator = Objects.requireNonNull(value, "estimator");
            return this;
        }

        public Denoiser build() {
            if (network == null) {
                throw new IllegalStateException("no network: call setModel(DiffusionModel) or setNetwork(...)");
            }
            TileGrid.checkTiling(tileSize, overlap, network.sizeMultiple());
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
            }
            if (refineSteps < 0 || refineSteps > network.schedule().steps()) {
                throw new IllegalArgumentException("refine steps must be in [0, "
                        + network.schedule().steps() + "] (the schedule's length), got " + refineSteps);
            }
            if (!(eta >= 0 && eta <= 1)) {
                throw new IllegalArgumentException("eta must be in [0, 1], got " + eta);
            }
            if (!isSelfEnsembleSize(selfEnsemble)) {
                throw new IllegalArgumentException(
                        "self-ensemble must be 1, 2, 4 or 8 transforms, got " + selfEnsemble);
            }
            return new Denoiser(
                    network,
                    new DenoiseSettings(tileSize, overlap, batchSize, refineSteps, sampler, eta, seed, selfEnsemble),
                    estimator);
        }
    }
}
