package dev.imagerestore.models.inpaint;

import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.restore.DenoisingNetwork;
import dev.imagerestore.models.sampler.SamplerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Repairs the masked pixels of images of any size with an unconditional noise-predicting diffusion
 * network, RePaint-style (Lugmayr et al., "RePaint: Inpainting using Denoising Diffusion
 * Probabilistic Models", CVPR 2022): at every reverse step the known pixels are re-noised from the
 * original and merged with the model's sample, with resampling jumps ({@link ResamplingSchedule}) so
 * the fill harmonises with its surroundings, and DDIM strides (Song et al., ICLR 2021) so a run costs
 * tens of network evaluations.
 *
 * <p>Only the tiles touching the damage run ({@link InpaintTiling}); pixels outside the mask (and
 * its feathered band, if any) are returned bit for bit. Results are reproducible: the noise is a
 * function of the seed and each pixel's position, never of tiling or batching.
 *
 * <p>Build with {@link #builder()}. Immutable and thread-safe: each call opens its own predictor;
 * the model must stay open while the inpainter is used.
 */
public final class Inpainter implements MaskFill {

    /** The default start: 0.1 of the schedule, from the noised harmonic first guess (measured best; docs/models.md). */
    public static final double DEFAULT_STRENGTH = 0.1;
    /** Default DDIM steps over the whole schedule (a start at 0.1 walks the lowest of them). */
    public static final int DEFAULT_STEPS = 10;
    /** Default RePaint jump length, in steps. */
    public static final int DEFAULT_JUMP_LENGTH = 2;
    /** Default RePaint resampling repeats. */
    public static final int DEFAULT_JUMP_REPEATS = 2;
    /** Default number of draws averaged: four bring the fill within 1/4 of a sample's excess error of the posterior mean. */
    public static final int DEFAULT_SAMPLES = 4;

    private final DenoisingNetwork network;
    private final InpaintSettings settings;
    private final InpaintTiling tiling;

    private Inpainter(DenoisingNetwork network, InpaintSettings settings) {
        this.network = network;
        this.settings = settings;
        this.tiling =
                new InpaintTiling(settings.tileSize(), settings.overlap(), network.sizeMultiple(), settings.feather());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String describe() {
        return settings.toString();
    }

    /** {@code image} with the pixels of {@code mask} (resized to the image if needed) repaired. */
    @Override
    public FloatImage inpaint(FloatImage image, Mask mask) {
        InpaintPlan plan = tiling.plan(image, mask, 0);
        List<float[]> filled = new ArrayList<>(plan.tiles().size());
        try (TileBatchInpainter batches = openBatchInpainter()) {
            List<MaskedTile> tiles = plan.tiles();
            for (int from = 0; from < tiles.size(); from += settings.batchSize()) {
                filled.addAll(
                        batches.inpaint(tiles.subList(from, Math.min(tiles.size(), from + settings.batchSize()))));
            }
        }
        return tiling.assemble(plan, filled);
    }

    /** The tiling this inpainter uses (planning and paste back). */
    public InpaintTiling tiling() {
        return tiling;
    }

    public InpaintSettings settings() {
        return settings;
    }

    /** A batch inpainter with these settings, confined to the calling thread; close it when done. */
    public TileBatchInpainter openBatchInpainter() {
        return new TileBatchInpainter(network, settings);
    }

    /** Builder: {@code setModel} (or {@code setNetwork}) is required, the rest optional. */
    public static final class Builder {

        private DenoisingNetwork network;
        private int steps = DEFAULT_STEPS;
        private int jumpLength = DEFAULT_JUMP_LENGTH;
        private int jumpRepeats = DEFAULT_JUMP_REPEATS;
        private int samples = DEFAULT_SAMPLES;
        private double eta;
        private double strength = DEFAULT_STRENGTH;
        private long seed;
        private int tileSize = 128;
        private int overlap = 32;
        private int batchSize = 4;
        private int feather;
        private SamplerKind sampler = SamplerKind.DDIM;

        private Builder() {}

        /** The unconditional model; it stays the caller's and must outlive the inpainter. */
        public Builder setModel(DiffusionModel model) {
            this.network = DenoisingNetwork.of(Objects.requireNonNull(model, "model"));
            return this;
        }

        /** Any noise-predicting network, in place of {@link #setModel}. */
        public Builder setNetwork(DenoisingNetwork value) {
            this.network = Objects.requireNonNull(value, "network");
            return this;
        }

        /** DDIM steps (default {@value Inpainter#DEFAULT_STEPS}). */
        public Builder optSteps(int value) {
            this.steps = value;
            return this;
        }

        /** Levels of a resampling jump (default {@value Inpainter#DEFAULT_JUMP_LENGTH}). */
        public Builder optJumpLength(int value) {
            this.jumpLength = value;
            return this;
        }

        /** Times each jumped segment is denoised (default {@value Inpainter#DEFAULT_JUMP_REPEATS}; 1 disables resampling). */
        public Builder optJumpRepeats(int value) {
            this.jumpRepeats = value;
            return this;
        }

        /**
         * Independent draws averaged into the fill (default {@value Inpainter#DEFAULT_SAMPLES}). One
         * draw is a sample of the posterior: sharp, but its expected squared error is twice the
         * posterior mean's; the mean of {@code k} draws has {@code (1 + 1/k)} times it. Each draw costs
         * a full RePaint run.
         */
        public Builder optSamples(int value) {
            this.samples = value;
            return this;
        }

        /**
         * The scheduler that makes the unknown region (default DDIM); RePaint's resampling walk runs
         * around any of them, restarting a multistep one after every jump.
         */
        public Builder optSampler(SamplerKind value) {
            this.sampler = Objects.requireNonNull(value, "sampler");
            return this;
        }

        /** DDIM eta of the unknown region (default 0). */
        public Builder optEta(double value) {
            this.eta = value;
            return this;
        }

        /**
         * Fraction of the schedule to start from (default {@value Inpainter#DEFAULT_STRENGTH}); 1 starts
         * from pure noise as RePaint does, lower values start from the noised smooth first guess
         * (SDEdit, Meng et al., ICLR 2022), which measured closer to the originals (docs/models.md).
         */
        public Builder optStrength(double value) {
            this.strength = value;
            return this;
        }

        /** Noise seed (default 0). */
        public Builder optSeed(long value) {
            this.seed = value;
            return this;
        }

        /** Tile side (default 128), a multiple of the network's size multiple. */
        public Builder optTileSize(int value) {
            this.tileSize = value;
            return this;
        }

        /** Pixels shared by neighbouring tiles, the context around damage near a tile edge (default 32). */
        public Builder optOverlap(int value) {
            this.overlap = value;
            return this;
        }

        /** Tiles per network evaluation (default 4). */
        public Builder optBatchSize(int value) {
            this.batchSize = value;
            return this;
        }

        /** Feathered band outside the mask, in pixels (default 0: outside pixels bit-identical). */
        public Builder optFeather(int value) {
            this.feather = value;
            return this;
        }

        public Inpainter build() {
            if (network == null) {
                throw new IllegalStateException("no network: call setModel(DiffusionModel) or setNetwork(...)");
            }
            if (network.imageChannels() != 3) {
                throw new IllegalArgumentException(
                        "inpainting needs a 3-channel network, got " + network.imageChannels());
            }
            return new Inpainter(
                    network,
                    new InpaintSettings(
                            steps,
                            jumpLength,
                            jumpRepeats,
                            samples,
                            eta,
                            strength,
                            seed,
                            tileSize,
                            overlap,
                            batchSize,
                            feather,
                            sampler));
        }
    }
}
