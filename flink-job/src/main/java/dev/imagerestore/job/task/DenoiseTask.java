package dev.imagerestore.job.task;

import dev.imagerestore.job.task.internal.TileBatchChunks;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.restore.Denoiser;
import dev.imagerestore.models.restore.TileGrid;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.inference.DiffusionProcessorFactory;
import dev.imagerestore.operators.inference.InferenceSettings;
import dev.imagerestore.operators.inference.PlannedWork;
import dev.imagerestore.operators.inference.TileWork;
import dev.imagerestore.operators.source.ImageSourceBuilder;
import dev.imagerestore.operators.tiles.SplitIntoTiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code --task denoise}: a decoded image becomes the overlapping tiles of a {@link TileGrid}
 * (three channels; grayscale repeated), each carrying the image's noise level (given, or estimated
 * once per image); the {@link DiffusionProcessorFactory denoiser} restores them in batches across
 * images, and the restored tiles are blended back. Build with {@link #builder()}.
 */
public final class DenoiseTask implements RestorationTask<DecodedImage, DenoiseTask.Plan, TileWork, float[]> {

    private static final long serialVersionUID = 1L;
    public static final String NAME = "denoise";

    /** What split decided for an image: its grid and noise level. */
    public record Plan(TileGrid grid, double sigma) {}

    private final String model;
    private final Tiling tiling;
    private final NoiseLevels noise;
    private final DiffusionProcessorFactory processors;

    private DenoiseTask(Builder b) {
        this.model = b.model.toString();
        this.tiling = Tiling.of(b.inference, b.sizeMultiple);
        this.noise = new NoiseLevels(b.sigma);
        this.processors = DiffusionProcessorFactory.builder()
                .setModelDirectory(b.model)
                .setInference(b.inference)
                .optRefinement(b.refinement.steps(), b.refinement.seed())
                .optSampler(b.refinement.sampler())
                .optSelfEnsemble(b.selfEnsemble)
                .build();
    }

    /** A builder of the task running {@code model} with the tiling of {@code inference} for the model's {@code sizeMultiple}. */
    public static Builder builder(Path model, InferenceSettings inference, int sizeMultiple) {
        return new Builder(model, inference, sizeMultiple);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Path model() {
        return Path.of(model);
    }

    @Override
    public void filterSources(ImageSourceBuilder source) {}

    @Override
    public PreStage<DecodedImage> preStage() {
        return PreStage.none();
    }

    @Override
    public PlannedWork<Plan, TileWork> split(DecodedImage record) {
        FloatImage colour = record.colour();
        double sigma = noise.of(colour);
        TileGrid grid = tiling.cover(colour);
        return new PlannedWork<>(
                new Plan(grid, sigma),
                Tiling.tiles(grid, colour, sigma, record.pagePath().hashCode()));
    }

    @Override
    public TaskResult assemble(DecodedImage record, Plan plan, List<float[]> results) {
        FloatImage restored = Tiling.blend(plan.grid(), 3, record.bitDepth(), results);
        return TaskResult.of(restored, NAME)
                .withNoiseLevel(plan.sigma())
                .withRmsChange(record.colour().rmsChange(restored));
    }

    @Override
    public Processors<TileWork, float[]> processors() {
        return Processors.tiles(processors);
    }

    /**
     * Every image can flow as tiles: each chunk is one batch of the denoiser, with the image's noise
     * level, given or estimated on a sample of windows spread over it ({@link NoiseLevels}).
     */
    @Override
    public Optional<TiledProcessing> tiled() {
        return Optional.of(new TiledProcessing(
                new SplitIntoTiles.Cutting(tiling.tileSize(), tiling.overlap(), tiling.sizeMultiple(), tiling.batch()),
                new TileBatchChunks(processors),
                noise));
    }

    /** The denoiser's settings as its factory describes them. */
    @Override
    public String toString() {
        return NAME + " with the " + processors;
    }

    /** Builder of the optional settings. */
    public static final class Builder {

        private final Path model;
        private final InferenceSettings inference;
        private final int sizeMultiple;
        private OptionalDouble sigma = OptionalDouble.empty();
        private Refinement refinement = Refinement.none();
        private int selfEnsemble = 1;

        private Builder(Path model, InferenceSettings inference, int sizeMultiple) {
            this.model = Objects.requireNonNull(model, "model");
            this.inference = Objects.requireNonNull(inference, "inference");
            this.sizeMultiple = sizeMultiple;
        }

        /** The noise level of every image on the 0-255 scale; empty (the default) estimates it per image. */
        public Builder optSigma(OptionalDouble value) {
            this.sigma = Objects.requireNonNull(value, "sigma");
            return this;
        }

        /** Sampler steps after the one-step estimate (default none). */
        public Builder optRefinement(Refinement value) {
            this.refinement = Objects.requireNonNull(value, "refinement");
            return this;
        }

        /** Tile symmetries averaged over: 1 (default), 2, 4 or 8. */
        public Builder optSelfEnsemble(int count) {
            this.selfEnsemble = count;
            return this;
        }

        /** @throws IllegalArgumentException naming the option, its value and the rule */
        public DenoiseTask build() {
            if (!Denoiser.isSelfEnsembleSize(selfEnsemble)) {
                throw new IllegalArgumentException("--ensemble must be 1, 2, 4 or 8, got " + selfEnsemble);
            }
            return new DenoiseTask(this);
        }
    }
}
