package dev.imagerestore.job.task;

import dev.imagerestore.job.task.internal.RestorerProcessorFactory;
import dev.imagerestore.job.task.internal.RestorerProcessorFactory.Restored;
import dev.imagerestore.job.task.internal.RestorerProcessorFactory.Work;
import dev.imagerestore.job.task.internal.RestorerTileFactory;
import dev.imagerestore.operators.inference.InferenceSettings;
import dev.imagerestore.operators.inference.PlannedWork;
import dev.imagerestore.operators.inpaint.MaskSource;
import dev.imagerestore.operators.inpaint.MaskedImage;
import dev.imagerestore.operators.source.ImageSourceBuilder;
import dev.imagerestore.operators.tiles.NoiseProbe;
import dev.imagerestore.operators.tiles.SplitIntoTiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code --task restore}: blind restoration of real scans and photographs (grain, sensor noise,
 * JPEG, mild blur) by a restorer model ({@code models.restore.BlindRestorer}), with no noise level
 * asked for. Each image is restored whole, one at a time, by {@link RestorerProcessorFactory}.
 *
 * <p>Damage: with masks ({@code --mask sidecar}, {@code --mask DIR}) the pre-stage attaches each
 * image's mask as inpainting does; with {@code --mask auto} the learned damage detector finds it on
 * the device. A mask goes into the network's mask channel, so flagged pixels are repaired in the same
 * pass. The report line carries the rms change (8-bit levels), the masked fraction and, when the
 * detector ran, its mean probability over the flagged pixels; with {@code --save-masks} the mask
 * used is written next to the output as {@code name.mask.png}.
 *
 * <p>With {@link Builder#optOnlyMasked} it is {@code --task inpaint --mask auto}: the same one pass,
 * but only the masked pixels are taken from it and every other pixel stays the input's bit for bit;
 * an image in which nothing is flagged is passed through untouched. Build with {@link #builder()}.
 */
public final class BlindRestoreTask implements RestorationTask<MaskedImage, Void, Work, Restored> {

    private static final long serialVersionUID = 1L;
    public static final String NAME = "restore";

    private final RestorerProcessorFactory.Settings settings;
    private final MaskSource masks;
    private final boolean saveMasks;
    private final int sizeMultiple;

    private BlindRestoreTask(Builder b) {
        this.settings = new RestorerProcessorFactory.Settings(
                b.model.toString(),
                b.inference.tileSize(),
                b.inference.overlap(),
                b.inference.batching().maxBatch(),
                b.refinement.steps(),
                b.refinement.sampler(),
                b.refinement.seed(),
                b.detector == null ? null : b.detector.toString(),
                b.threshold,
                b.onlyMasked);
        this.masks = b.masks;
        this.saveMasks = b.saveMasks;
        this.sizeMultiple = b.sizeMultiple;
    }

    /**
     * A builder of the task running the restorer {@code model}, whose spatial multiple is
     * {@code sizeMultiple}, with the tiling and batch size of {@code inference}.
     */
    public static Builder builder(Path model, InferenceSettings inference, int sizeMultiple) {
        return new Builder(model, inference, sizeMultiple);
    }

    /** {@code restore}, or {@code inpaint} when only the masked pixels are repaired. */
    @Override
    public String name() {
        return settings.onlyMasked() ? InpaintTask.NAME : NAME;
    }

    @Override
    public Path model() {
        return Path.of(settings.model());
    }

    public RestorerProcessorFactory.Settings settings() {
        return settings;
    }

    @Override
    public void filterSources(ImageSourceBuilder source) {
        preStage().filterSources(source);
    }

    /** Masks from files are attached before the device; detected ones are found there. */
    @Override
    public PreStage<MaskedImage> preStage() {
        return PreStage.masks(masks.isAuto() ? MaskSource.none() : masks);
    }

    @Override
    public PlannedWork<Void, Work> split(MaskedImage record) {
        return PlannedWork.single(
                null,
                new Work(
                        record.image().colour(),
                        masks.isNone() || masks.isAuto() ? null : record.mask(),
                        record.image().pagePath().hashCode()));
    }

    @Override
    public TaskResult assemble(MaskedImage record, Void plan, List<Restored> results) {
        Restored restored = results.get(0);
        TaskResult result = TaskResult.of(
                        restored.image(),
                        masks.isNone()
                                ? name()
                                : name() + " masks="
                                        + (masks.isAuto() ? "auto" : masks.isSidecar() ? "sidecar" : "folder"))
                .withRmsChange(restored.rmsChange());
        if (restored.mask() != null) {
            result = result.withMaskedFraction(restored.mask().fraction());
            result = saveMasks ? result.withSavedMask(restored.mask()) : result;
        }
        return restored.confidence().isPresent()
                ? result.withMaskConfidence(restored.confidence().getAsDouble())
                : result;
    }

    @Override
    public Processors<Work, Restored> processors() {
        return Processors.images(new RestorerProcessorFactory(settings));
    }

    /**
     * Images without masks can flow as tiles: each chunk is one forward pass of the restorer. With
     * masks (from files or the detector, which needs the whole image) every image is restored whole.
     */
    @Override
    public Optional<TiledProcessing> tiled() {
        if (!masks.isNone()) {
            return Optional.empty();
        }
        return Optional.of(new TiledProcessing(
                new SplitIntoTiles.Cutting(settings.tileSize(), settings.overlap(), sizeMultiple, settings.batch()),
                new RestorerTileFactory(settings),
                NoiseProbe.NONE));
    }

    /** Builder of the optional settings; cross-option rules are checked in {@link #build()}. */
    public static final class Builder {

        private final Path model;
        private final InferenceSettings inference;
        private final int sizeMultiple;
        private MaskSource masks = MaskSource.none();
        private Path detector;
        private double threshold = Double.NaN;
        private boolean saveMasks;
        private Refinement refinement = Refinement.none();
        private boolean onlyMasked;

        private Builder(Path model, InferenceSettings inference, int sizeMultiple) {
            this.model = Objects.requireNonNull(model, "model");
            this.inference = Objects.requireNonNull(inference, "inference");
            if (sizeMultiple < 1) {
                throw new IllegalArgumentException("the model's size multiple must be >= 1, got " + sizeMultiple);
            }
            this.sizeMultiple = sizeMultiple;
        }

        /**
         * Where damage masks come from (default none); with {@code --mask auto} ({@link MaskSource#isAuto()})
         * set the detector too.
         */
        public Builder optMasks(MaskSource value) {
            this.masks = Objects.requireNonNull(value, "masks");
            return this;
        }

        /** The learned damage detector of {@code --mask auto}, and its threshold (NaN for its card's). */
        public Builder optDetector(Path directory, double maskThreshold) {
            this.detector = Objects.requireNonNull(directory, "directory");
            this.threshold = maskThreshold;
            return this;
        }

        /** Whether the mask used is written next to each output as {@code name.mask.png} (default false). */
        public Builder optSaveMasks(boolean value) {
            this.saveMasks = value;
            return this;
        }

        /** Sampler steps from {@code T - 1} instead of the one-step estimate (default none). */
        public Builder optRefinement(Refinement value) {
            this.refinement = Objects.requireNonNull(value, "refinement");
            return this;
        }

        /**
         * Whether only the masked pixels are taken from the restorer, every other pixel staying the
         * input's bit for bit ({@code --task inpaint --mask auto}; default false: the whole image is
         * restored).
         */
        public Builder optOnlyMasked(boolean value) {
            this.onlyMasked = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the options that do not go together and the fix */
        public BlindRestoreTask build() {
            if (masks.isAuto() != (detector != null)) {
                throw new IllegalArgumentException(
                        masks.isAuto()
                                ? "--mask auto needs a damage detector (--detector DIR)"
                                : "--detector and --mask-threshold are for --mask auto, and --mask is " + masks);
            }
            if (onlyMasked && masks.isNone()) {
                throw new IllegalArgumentException("repairing only the masked pixels needs masks; add --mask (auto, "
                        + "sidecar or a folder of masks)");
            }
            if (saveMasks && masks.isNone()) {
                throw new IllegalArgumentException("--save-masks writes the masks used, and there are none; add --mask "
                        + "(auto, sidecar or a folder of masks), or leave --save-masks out");
            }
            return new BlindRestoreTask(this);
        }
    }
}
