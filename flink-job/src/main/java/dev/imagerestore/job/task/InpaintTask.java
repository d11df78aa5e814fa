package dev.imagerestore.job.task;

import dev.imagerestore.job.InpaintJobSpec;
import dev.imagerestore.job.task.internal.InpaintProcessorFactory;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.inpaint.InpaintPlan;
import dev.imagerestore.models.inpaint.InpaintSettings;
import dev.imagerestore.models.inpaint.InpaintTiling;
import dev.imagerestore.models.inpaint.MaskedTile;
import dev.imagerestore.models.restore.TileGrid;
import dev.imagerestore.models.restore.TileRegion;
import dev.imagerestore.operators.inference.InferenceSettings;
import dev.imagerestore.operators.inference.PlannedWork;
import dev.imagerestore.operators.inference.TileWork;
import dev.imagerestore.operators.inpaint.MaskedImage;
import dev.imagerestore.operators.source.ImageSourceBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * {@code --task inpaint}, alone or followed by denoising ({@code --task inpaint,denoise}, which runs
 * both in one pass over the tiles). Its pre-stage attaches each image's mask.
 *
 * <p>Tiles travel as four planes: the three colour planes (damaged pixels already holding the
 * smooth first guess of {@link InpaintTiling}) and the damage plane (1 = fill); the
 * {@link InpaintProcessorFactory processor} fills the damaged tiles with RePaint and then, for a tile
 * with a noise level above zero, denoises it. Inpainting alone sends only the tiles touching the
 * mask, with noise level 0, and pastes the fill back so pixels outside the mask stay bit-identical;
 * with denoising every tile of the grid goes, with the image's noise level (given, or estimated once
 * per image), and the tiles are blended back as {@code denoise} does. Build with {@link #builder()}.
 */
public final class InpaintTask implements RestorationTask<MaskedImage, InpaintTask.Plan, TileWork, float[]> {

    private static final long serialVersionUID = 1L;
    public static final String NAME = "inpaint";

    /** What split decided for an image: the inpainting plan and, with denoising, the noise level (else 0). */
    public record Plan(InpaintPlan inpaint, double sigma) {}

    private final String model;
    private final InpaintJobSpec spec;
    private final InpaintSettings settings;
    private final InpaintTiling tiling;
    private final NoiseLevels noise;

    private InpaintTask(Builder b) {
        this.model = b.model.toString();
        this.spec = b.spec;
        this.settings = b.spec.settings(b.seed, b.inference);
        this.tiling =
                new InpaintTiling(b.inference.tileSize(), b.inference.overlap(), b.sizeMultiple, settings.feather());
        this.noise = b.denoise ? new NoiseLevels(b.sigma) : null;
    }

    /**
     * A builder of the task running {@code model} with the tiling of {@code inference} for the model's
     * {@code sizeMultiple}, its masks and RePaint's settings from {@code spec}.
     */
    public static Builder builder(Path model, InferenceSettings inference, int sizeMultiple, InpaintJobSpec spec) {
        return new Builder(model, inference, sizeMultiple, spec);
    }

    /** {@code inpaint}, or {@code inpaint,denoise} when denoising follows. */
    @Override
    public String name() {
        return noise == null ? NAME : NAME + "," + DenoiseTask.NAME;
    }

    @Override
    public Path model() {
        return Path.of(model);
    }

    /** Where masks come from and how RePaint runs. */
    public InpaintJobSpec spec() {
        return spec;
    }

    @Override
    public void filterSources(ImageSourceBuilder source) {
        preStage().filterSources(source);
    }

    @Override
    public PreStage<MaskedImage> preStage() {
        return PreStage.masks(spec.masks());
    }

    @Override
    public PlannedWork<Plan, TileWork> split(MaskedImage record) {
        FloatImage colour = record.image().colour();
        long imageId = record.image().pagePath().hashCode();
        InpaintPlan plan = tiling.plan(colour, record.mask(), imageId);
        List<TileWork> work = new ArrayList<>();
        if (noise == null) {
            for (MaskedTile tile : plan.tiles()) {
                work.add(new TileWork(
                        InpaintProcessorFactory.stack(tile.samples(), tile.damage()),
                        tile.size(),
                        0,
                        imageId,
                        tile.originY(),
                        tile.originX()));
            }
            return new PlannedWork<>(new Plan(plan, 0), work);
        }
        double sigma = noise.of(colour);
        Map<TileRegion, MaskedTile> damaged = new LinkedHashMap<>();
        for (int k = 0; k < plan.regions().size(); k++) {
            damaged.put(plan.regions().get(k), plan.tiles().get(k));
        }
        TileGrid grid = plan.grid();
        for (TileRegion region : grid.tiles()) {
            MaskedTile tile = damaged.get(region);
            float[] rgb = tile != null ? tile.samples() : grid.extract(colour, region, 3);
            float[] damage = tile != null ? tile.damage() : new float[region.size() * region.size()];
            work.add(new TileWork(
                    InpaintProcessorFactory.stack(rgb, damage), region.size(), sigma, imageId, region.y(), region.x()));
        }
        return new PlannedWork<>(new Plan(plan, sigma), work);
    }

    @Override
    public TaskResult assemble(MaskedImage record, Plan plan, List<float[]> results) {
        List<float[]> colour = new ArrayList<>(results.size());
        results.forEach(t -> colour.add(InpaintProcessorFactory.colourPlanes(t)));
        TaskResult result = noise == null
                ? TaskResult.of(tiling.assemble(plan.inpaint(), colour), name())
                : TaskResult.of(
                                Tiling.blend(
                                        plan.inpaint().grid(),
                                        record.image().colour().channels(),
                                        record.image().bitDepth(),
                                        colour),
                                name())
                        .withNoiseLevel(plan.sigma());
        return result.withMaskedFraction(record.mask().fraction());
    }

    @Override
    public Processors<TileWork, float[]> processors() {
        return Processors.tiles(new InpaintProcessorFactory(Path.of(model), settings));
    }

    /** Builder of the optional settings. */
    public static final class Builder {

        private final Path model;
        private final InferenceSettings inference;
        private final int sizeMultiple;
        private final InpaintJobSpec spec;
        private long seed;
        private boolean denoise;
        private OptionalDouble sigma = OptionalDouble.empty();

        private Builder(Path model, InferenceSettings inference, int sizeMultiple, InpaintJobSpec spec) {
            this.model = Objects.requireNonNull(model, "model");
            this.inference = Objects.requireNonNull(inference, "inference");
            this.sizeMultiple = sizeMultiple;
            this.spec = Objects.requireNonNull(spec, "spec");
        }

        /** The seed of the inpainting noise (default 0). */
        public Builder optSeed(long value) {
            this.seed = value;
            return this;
        }

        /** Denoising after inpainting, at {@code noiseLevel} (0-255), or estimated per image when empty. */
        public Builder optDenoise(OptionalDouble noiseLevel) {
            this.denoise = true;
            this.sigma = Objects.requireNonNull(noiseLevel, "noiseLevel");
            return this;
        }

        public InpaintTask build() {
            return new InpaintTask(this);
        }
    }
}
