package dev.imagerestore.job.task.internal;

import ai.djl.Device;
import dev.imagerestore.job.Depth2ImgSettings;
import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.depth.DepthConvention;
import dev.imagerestore.models.depth.DepthEstimator;
import dev.imagerestore.models.depth.DepthEstimators;
import dev.imagerestore.models.depth.DepthMap;
import dev.imagerestore.models.depth.DepthResolver;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.translate.DepthGuidedTranslator;
import dev.imagerestore.operators.inference.DiffusionProcessorFactory;
import dev.imagerestore.operators.inference.ImageProcessor;
import dev.imagerestore.operators.inference.InferenceDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Creates, on a TaskManager, the per-image processor of the {@code depth2img} task: the
 * depth-guided translation model and the depth estimator, both loaded onto the device the stage
 * resolved, bound to a {@link DepthGuidedTranslator} (SDEdit or DDIM inversion, then guided DDIM). An
 * image is translated whole because the translator steps all its tiles together; its own tiles are
 * batched inside the translator ({@link Depth2ImgSettings#batch()} per forward pass).
 *
 * <p>A work item arrives with the depth map its file gave ({@link dev.imagerestore.job.task.Depth2ImgTask} reads sidecars and
 * the depth directory on the task thread) or without one, in which case the estimator, a network
 * that belongs on the device and to one thread, fills it in here on the worker. The result carries
 * the depth source for the report.
 *
 * <p>Serializable and immutable: it holds the settings (paths as strings).
 */
public final class Depth2ImgProcessorFactory
        implements ImageProcessor.Factory<Depth2ImgProcessorFactory.Work, Depth2ImgProcessorFactory.Translated> {

    private static final long serialVersionUID = 1L;

    /**
     * One image to translate: its samples, the depth map its file gave and where it came from (both
     * null when it had none), and its key in the noise field.
     */
    public record Work(FloatImage image, DepthMap depth, String depthSource, long imageId) {

        public Work {
            Objects.requireNonNull(image, "image");
            if ((depth == null) != (depthSource == null)) {
                throw new IllegalArgumentException(
                        "a depth map and its source go together, got map " + depth + " from " + depthSource);
            }
        }
    }

    /** A translated image (three channels) and where its depth map came from. */
    public record Translated(FloatImage image, String depthSource) {

        public Translated {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(depthSource, "depthSource");
        }
    }

    private final Depth2ImgSettings settings;

    public Depth2ImgProcessorFactory(Depth2ImgSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String modelKey() {
        return "depth2img:" + settings;
    }

    /**
     * Loads the translation model and the estimator onto {@code device}.
     *
     * @throws IllegalArgumentException when the target label is not in the model's vocabulary
     * @throws IllegalStateException when Flink assigned a GPU that PyTorch does not see
     * @throws IOException when a model cannot be read
     */
    @Override
    public ImageProcessor<Work, Translated> create(InferenceDevice device) throws IOException {
        DiffusionProcessorFactory.prepareTorch(device);
        Device target = device.toDjl();
        DiffusionModel model = DiffusionModel.load(Path.of(settings.model()), target);
        try {
            DepthGuidedTranslator translator = DepthGuidedTranslator.builder()
                    .setModel(model)
                    .optStrength(settings.strength())
                    .optSteps(settings.steps())
                    .optGuidance(settings.guidance())
                    .optSeed(settings.seed())
                    .optEncoding(settings.encoding())
                    .optSource(settings.source())
                    .optTileSize(settings.tileSize())
                    .optOverlap(settings.overlap())
                    .optBatchSize(settings.batch())
                    .build();
            if (!translator.labels().contains(settings.target())) {
                throw new IllegalArgumentException("--target " + settings.target() + " is not in the vocabulary "
                        + translator.labels() + " of " + settings.model());
            }
            DepthConvention convention = DepthConvention.parse(settings.convention());
            DepthEstimator estimator = settings.torchScriptEstimator() != null
                    ? DepthEstimators.torchScript(
                            Path.of(settings.torchScriptEstimator()), convention, settings.torchScriptSize(), target)
                    : DepthEstimators.load(Path.of(settings.estimator()), target);
            return new Processor(
                    model, estimator, DepthResolver.of(null, convention, estimator), translator, settings.target());
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "depth-guided translator of " + settings.model() + " to " + settings.target();
    }

    /** Binds the translator and the estimator to the inference service; owns both models. */
    private static final class Processor implements ImageProcessor<Work, Translated> {

        private final DiffusionModel model;
        private final DepthEstimator estimator;
        private final DepthResolver estimating;
        private final DepthGuidedTranslator translator;
        private final String target;

        Processor(
                DiffusionModel model,
                DepthEstimator estimator,
                DepthResolver estimating,
                DepthGuidedTranslator translator,
                String target) {
            this.model = model;
            this.estimator = estimator;
            this.estimating = estimating;
            this.translator = translator;
            this.target = target;
        }

        @Override
        public Translated process(Work work) throws IOException {
            DepthMap depth = work.depth();
            String source = work.depthSource();
            if (depth == null) {
                DepthResolver.Resolved estimated = estimating.resolve(null, null, work.image());
                depth = estimated.map();
                source = estimated.source();
            }
            return new Translated(translator.translate(work.image(), depth, target, work.imageId()), source);
        }

        @Override
        public void close() {
            try {
                estimator.close();
            } finally {
                model.close();
            }
        }
    }
}
