package dev.imagerestore.job.task.internal;

import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.detect.DamageProbabilities;
import dev.imagerestore.models.detect.LearnedDamageDetector;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.inpaint.Mask;
import dev.imagerestore.models.restore.BlindRestorer;
import dev.imagerestore.models.sampler.SamplerKind;
import dev.imagerestore.operators.inference.DiffusionProcessorFactory;
import dev.imagerestore.operators.inference.ImageProcessor;
import dev.imagerestore.operators.inference.InferenceDevice;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Creates, on a TaskManager, the per-image processor of blind restoration: the restorer (a
 * {@link BlindRestorer} over the model the stage loads onto its device) and, with {@code --mask auto},
 * the learned damage detector ({@link LearnedDamageDetector}) on the same device. An image is restored
 * whole because the restorer tiles and batches it itself; a mask (from a file, or found here by the
 * detector) goes into the network's mask channel, so flagged pixels are repaired in the same pass.
 *
 * <p>Serializable and immutable: it holds the {@link Settings} (paths as strings).
 */
public final class RestorerProcessorFactory
        implements ImageProcessor.Factory<RestorerProcessorFactory.Work, RestorerProcessorFactory.Restored> {

    private static final long serialVersionUID = 1L;

    /**
     * How the processor runs.
     *
     * @param model the restorer's model directory
     * @param tileSize tile side
     * @param overlap tile overlap
     * @param batch tiles per forward pass
     * @param refineSteps sampler steps from {@code T - 1} (0 = the one-step estimate)
     * @param sampler the refinement's sampler
     * @param seed noise seed (each image's noise is keyed by its id)
     * @param detector the damage detector's model directory, or null when masks come with the images
     * @param threshold the detector's threshold, or NaN for its card's
     * @param onlyMasked whether only the masked pixels are taken from the restorer ({@code --task inpaint
     *     --mask auto}): every other pixel stays the input's, bit for bit, and an image with an empty mask
     *     is not run through the network at all
     */
    public record Settings(
            String model,
            int tileSize,
            int overlap,
            int batch,
            int refineSteps,
            SamplerKind sampler,
            long seed,
            String detector,
            double threshold,
            boolean onlyMasked)
            implements Serializable {

        public Settings {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(sampler, "sampler");
            if (!Double.isNaN(threshold) && !(threshold > 0 && threshold < 1)) {
                throw new IllegalArgumentException("--mask-threshold must be in (0, 1), got " + threshold);
            }
        }

        /** The restorer these settings describe, over {@code model} (which stays the caller's). */
        BlindRestorer restorer(DiffusionModel model) {
            return BlindRestorer.builder()
                    .setModel(model)
                    .optTileSize(tileSize)
                    .optOverlap(overlap)
                    .optBatchSize(batch)
                    .optRefineSteps(refineSteps)
                    .optSampler(sampler)
                    .optSeed(seed)
                    .build();
        }
    }

    /** One image to restore, its damage mask (null for none, or for the detector to find) and its noise key. */
    public record Work(FloatImage image, Mask mask, long imageId) {

        public Work {
            Objects.requireNonNull(image, "image");
        }
    }

    /**
     * A restored image, how far it moved (8-bit levels), the mask used (null for none) and, when the
     * detector found it, its mean probability over the flagged pixels.
     */
    public record Restored(FloatImage image, double rmsChange, Mask mask, OptionalDouble confidence) {}

    private final Settings settings;

    public RestorerProcessorFactory(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String modelKey() {
        return "restore:" + settings;
    }

    /**
     * Loads the restorer, and the detector if one is set, onto {@code device}.
     *
     * @throws IllegalArgumentException when the model is not a restorer or the tiling does not fit it
     * @throws IllegalStateException when Flink assigned a GPU that PyTorch does not see
     * @throws IOException when a model cannot be read
     */
    @Override
    public ImageProcessor<Work, Restored> create(InferenceDevice device) throws IOException {
        DiffusionModel model = DiffusionProcessorFactory.load(Path.of(settings.model()), device);
        try {
            BlindRestorer restorer = settings.restorer(model);
            LearnedDamageDetector detector = settings.detector() == null
                    ? null
                    : LearnedDamageDetector.load(
                            Path.of(settings.detector()),
                            device.toDjl(),
                            LearnedDamageDetector.DEFAULT_TILE_SIZE,
                            LearnedDamageDetector.DEFAULT_OVERLAP,
                            LearnedDamageDetector.DEFAULT_TILES_PER_BATCH);
            return new Processor(model, restorer, detector, settings.threshold(), settings.onlyMasked());
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "blind restorer of " + settings.model()
                + (settings.detector() == null ? "" : " with the damage detector of " + settings.detector());
    }

    /** Binds the restorer and the detector to the inference service; owns both models. */
    private static final class Processor implements ImageProcessor<Work, Restored> {

        private final DiffusionModel model;
        private final BlindRestorer restorer;
        private final LearnedDamageDetector detector;
        private final double threshold;
        private final boolean onlyMasked;

        Processor(
                DiffusionModel model,
                BlindRestorer restorer,
                LearnedDamageDetector detector,
                double threshold,
                boolean onlyMasked) {
            this.model = model;
            this.restorer = restorer;
            this.detector = detector;
            this.threshold = Double.isNaN(threshold) && detector != null ? detector.threshold() : threshold;
            this.onlyMasked = onlyMasked;
        }

        @Override
        public Restored process(Work work) {
            Mask mask = work.mask();
            OptionalDouble confidence = OptionalDouble.empty();
            if (detector != null) {
                DamageProbabilities probabilities = detector.probabilities(work.image());
                Mask flagged = probabilities.mask(threshold);
                confidence = meanOverFlagged(probabilities, flagged);
                mask = flagged.dilated(LearnedDamageDetector.DEFAULT_REPAIR_MARGIN);
            }
            if (onlyMasked) {
                if (mask == null || mask.isEmpty()) {
                    return new Restored(work.image(), 0, mask, confidence);
                }
                FloatImage repaired = mask.select(
                        restorer.restore(work.image(), mask, work.imageId()).image(), work.image());
                return new Restored(repaired, work.image().rmsChange(repaired), mask, confidence);
            }
            BlindRestorer.Result result = restorer.restore(work.image(), mask, work.imageId());
            return new Restored(result.image(), result.rmsChange(), mask, confidence);
        }

        /** The mean probability over the flagged pixels; empty when none is flagged. */
        private static OptionalDouble meanOverFlagged(DamageProbabilities probabilities, Mask mask) {
            if (mask.isEmpty()) {
                return OptionalDouble.empty();
            }
            float[] values = probabilities.values();
            double sum = 0;
            for (int y = 0; y < mask.height(); y++) {
                for (int x = 0; x < mask.width(); x++) {
                    sum += mask.get(y, x) ? values[y * mask.width() + x] : 0;
                }
            }
            return OptionalDouble.of(sum / mask.count());
        }

        @Override
        public void close() {
            try {
                if (detector != null) {
                    detector.close();
                }
            } finally {
                model.close();
            }
        }
    }
}
