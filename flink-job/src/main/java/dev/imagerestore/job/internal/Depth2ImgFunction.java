package dev.imagerestore.job.internal;

import dev.imagerestore.job.Depth2ImgSettings;
import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.depth.DepthConvention;
import dev.imagerestore.models.depth.DepthEstimator;
import dev.imagerestore.models.depth.DepthEstimators;
import dev.imagerestore.models.depth.DepthResolver;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.runtime.OpenMpWaitPolicy;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.translate.DepthGuidedTranslator;
import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.PipelineStage;
import dev.imagerestore.operators.RestoredImage;
import dev.imagerestore.operators.decode.ImageEncoder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The {@code depth2img} stage: per decoded image, find its depth map ({@link DepthResolver}: sidecar,
 * depth directory, else the estimator), translate it ({@link DepthGuidedTranslator}) and encode it.
 * A broken depth file or a failed translation becomes a dead letter on {@link DeadLetter#OUTPUT_TAG};
 * the restored image's {@code task} field records the parameters and the depth source.
 *
 * <p>Each image's noise field is keyed by the seed and the hash of its relative path, so the output
 * of an image does not depend on the parallelism or on which subtask gets it. The model, the
 * estimator and the translator are opened in {@link #open} and released in {@link #close}.
 */
public final class Depth2ImgFunction extends ProcessFunction<DecodedImage, RestoredImage> {

    private static final long serialVersionUID = 1L;

    private final Depth2ImgSettings settings;
    private final String inputRoot;
    private final ImageEncoder encoder;
    private transient DiffusionModel model;
    private transient DepthEstimator estimator;
    private transient DepthGuidedTranslator translator;
    private transient DepthResolver resolver;

    public Depth2ImgFunction(Depth2ImgSettings settings, Path inputRoot, ImageEncoder encoder) {
        this.settings = settings;
        this.inputRoot = inputRoot.toAbsolutePath().normalize().toString();
        this.encoder = encoder;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        OpenMpWaitPolicy.boundedSpinUnlessSet();
        TorchThreads.configure(settings.threads());
        DepthConvention convention = DepthConvention.parse(settings.convention());
        model = DiffusionModel.load(Path.of(settings.model()));
        translator = DepthGuidedTranslator.builder().setModel(model).optStrength(settings.strength())
                .optSteps(settings.steps()).optGuidance(settings.guidance()).optSeed(settings.seed())
                .optTileSize(settings.tileSize()).optOverlap(settings.overlap()).optBatchSize(settings.batch()).build();
        if (!translator.labels().contains(settings.target())) {
            throw new IllegalArgumentException("--target " + settings.target() + " is not in the vocabulary "
                    + translator.labels() + " of " + settings.model());
        }
        estimator = settings.torchScriptEstimator() != null
                ? DepthEstimators.torchScript(Path.of(settings.torchScriptEstimator()), convention,
                        settings.torchScriptSize())
                : DepthEstimators.load(Path.of(settings.estimator()));
        resolver = DepthResolver.of(settings.depthDirectory() == null ? null : Path.of(settings.depthDirectory()),
                convention, estimator);
    }

    @Override
    public void processElement(DecodedImage record, Context ctx, Collector<RestoredImage> out) {
        long started = System.nanoTime();
        DepthResolver.Resolved depth;
        try {
            depth = resolver.resolve(Path.of(inputRoot).resolve(record.relativePath()), record.relativePath(),
                    record.colour());
        } catch (Exception e) {
            ctx.output(DeadLetter.OUTPUT_TAG, DeadLetter.of(record.relativePath(), PipelineStage.DECODE, e));
            return;
        }
        FloatImage translated;
        try {
            translated = translator.translate(record.colour(), depth.map(), settings.target(),
                    record.relativePath().hashCode());
        } catch (RuntimeException e) {
            ctx.output(DeadLetter.OUTPUT_TAG, DeadLetter.of(record.relativePath(), PipelineStage.INFERENCE, e));
            return;
        }
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("decode", record.decodeMillis());
        timings.put("depth2img", (System.nanoTime() - started) / 1_000_000);
        try {
            out.collect(encoder.restore(record, translated, settings.describe(depth.source()), OptionalDouble.empty(),
                    timings));
        } catch (Exception e) {
            ctx.output(DeadLetter.OUTPUT_TAG, DeadLetter.of(record.relativePath(), PipelineStage.ENCODE, e));
        }
    }

    @Override
    public void close() {
        if (estimator != null) {
            estimator.close();
        }
        if (model != null) {
            model.close();
        }
    }
}
