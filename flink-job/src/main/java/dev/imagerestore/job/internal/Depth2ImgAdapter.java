package dev.imagerestore.job.internal;

import dev.imagerestore.job.Depth2ImgSettings;
import dev.imagerestore.models.depth.DepthConvention;
import dev.imagerestore.models.depth.DepthResolver;
import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.PipelineStage;
import dev.imagerestore.operators.RestoredImage;
import dev.imagerestore.operators.decode.ImageEncoder;
import dev.imagerestore.operators.inference.ImageAdapter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.flink.types.Either;

/**
 * Binds the per-image inference stage to the {@code depth2img} task: a decoded image becomes one
 * work item with its depth file's map, if it has one; the translated image is encoded, with the
 * parameters and the depth source in the report's {@code task} field.
 *
 * <p>Where depth is resolved: files (a sidecar {@code name.depth.png}, then the depth directory, as
 * {@link DepthResolver} orders them) are read here, on the task thread, so that reading and decoding
 * them never holds the device, and a broken file fails its image before it queues; an image without
 * a file is sent without a map, and the {@link Depth2ImgProcessorFactory processor} runs the
 * estimator on the device. A broken depth file is a dead letter of the decode stage, a failed
 * translation one of the inference stage, a failed encoding one of the encode stage.
 *
 * <p>Each image's noise field is keyed by the seed and the hash of its relative path, so its output
 * does not depend on the parallelism or on which subtask gets it.
 *
 * <p>Threading: {@code prepare}, {@code assemble} and {@code failed} run on the subtask's task
 * thread; the start times live in a plain map cleared when the record completes.
 */
public final class Depth2ImgAdapter implements ImageAdapter<DecodedImage, Depth2ImgProcessorFactory.Work,
        Depth2ImgProcessorFactory.Translated, Either<RestoredImage, DeadLetter>> {

    private static final long serialVersionUID = 1L;
    /** The report's timing key. */
    public static final String TASK = "depth2img";

    private final Depth2ImgSettings settings;
    private final String inputRoot;
    private final ImageEncoder encoder;
    private transient DepthResolver files;
    private transient Map<DecodedImage, Long> started;

    public Depth2ImgAdapter(Depth2ImgSettings settings, Path inputRoot, ImageEncoder encoder) {
        this.settings = settings;
        this.inputRoot = inputRoot.toAbsolutePath().normalize().toString();
        this.encoder = encoder;
    }

    /**
     * The image with its depth file's map, or without a map when it has no file.
     *
     * @throws BrokenDepthFile when a depth file exists but cannot be read
     */
    @Override
    public Depth2ImgProcessorFactory.Work prepare(DecodedImage record) throws BrokenDepthFile {
        long start = System.nanoTime();
        DepthResolver.Resolved depth;
        try {
            depth = files().resolve(Path.of(inputRoot).resolve(record.relativePath()), record.relativePath(),
                    record.colour());
        } catch (IOException | RuntimeException e) {
            throw new BrokenDepthFile(e);
        }
        starts().put(record, start);
        return new Depth2ImgProcessorFactory.Work(record.colour(), depth == null ? null : depth.map(),
                depth == null ? null : depth.source(), record.relativePath().hashCode());
    }

    @Override
    public Either<RestoredImage, DeadLetter> assemble(DecodedImage record, Depth2ImgProcessorFactory.Translated result)
            throws IOException {
        long start = starts().remove(record);
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("decode", record.decodeMillis());
        timings.put(TASK, (System.nanoTime() - start) / 1_000_000);
        return Either.Left(encoder.restore(record, result.image(), settings.describe(result.depthSource()),
                OptionalDouble.empty(), timings));
    }

    @Override
    public Either<RestoredImage, DeadLetter> failed(DecodedImage record, Throwable cause) {
        starts().remove(record);
        if (cause instanceof BrokenDepthFile broken) {
            return Either.Right(DeadLetter.of(record.relativePath(), PipelineStage.DECODE, broken.getCause()));
        }
        return Either.Right(DeadLetter.of(record.relativePath(),
                cause instanceof IOException ? PipelineStage.ENCODE : PipelineStage.INFERENCE, cause));
    }

    private DepthResolver files() {
        if (files == null) {
            files = DepthResolver.of(settings.depthDirectory() == null ? null : Path.of(settings.depthDirectory()),
                    DepthConvention.parse(settings.convention()), null);
        }
        return files;
    }

    private Map<DecodedImage, Long> starts() {
        if (started == null) {
            started = new IdentityHashMap<>();
        }
        return started;
    }

    /** A depth file that exists but cannot be read; its cause says which file and why. */
    public static final class BrokenDepthFile extends Exception {

        private static final long serialVersionUID = 1L;

        BrokenDepthFile(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }
}
