package dev.imagerestore.job.task;

import dev.imagerestore.job.Depth2ImgSettings;
import dev.imagerestore.job.task.internal.Depth2ImgProcessorFactory;
import dev.imagerestore.job.task.internal.Depth2ImgProcessorFactory.Translated;
import dev.imagerestore.job.task.internal.Depth2ImgProcessorFactory.Work;
import dev.imagerestore.models.depth.DepthConvention;
import dev.imagerestore.models.depth.DepthResolver;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.PipelineStage;
import dev.imagerestore.operators.inference.PlannedWork;
import dev.imagerestore.operators.source.ImageSourceBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * {@code --task depth2img}: each image is translated whole, one at a time on the device's worker,
 * with the depth-guided translator of {@link Depth2ImgProcessorFactory}; the report's {@code task}
 * field records the parameters and the depth source.
 *
 * <p>Where depth comes from: files (a sidecar {@code name.depth.png}, then the depth directory, as
 * {@link DepthResolver} orders them) are read in {@link #split}, on the task thread, so that reading
 * and decoding them never holds the device, and a broken file fails its image (stage decode) before
 * it queues; an image without a file is sent without a map, and the processor runs the estimator on
 * the device. Sidecar depth files are not inputs.
 *
 * <p>Each image's noise field is keyed by the seed and the hash of its relative path, so its output
 * does not depend on the parallelism or on which subtask gets it.
 */
public final class Depth2ImgTask implements RestorationTask<DecodedImage, Void, Work, Translated> {

    private static final long serialVersionUID = 1L;
    public static final String NAME = "depth2img";
    /** The input glob of sidecar depth maps, excluded from the images to translate. */
    public static final String SIDECAR_GLOB = "**/*.depth.png";

    private final Depth2ImgSettings settings;
    private final String inputRoot;
    private transient DepthResolver files;

    /** The task with {@code settings} over the images under {@code inputRoot} (where sidecar depth files are). */
    public Depth2ImgTask(Depth2ImgSettings settings, Path inputRoot) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.inputRoot = inputRoot.toAbsolutePath().normalize().toString();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Path model() {
        return Path.of(settings.model());
    }

    public Depth2ImgSettings settings() {
        return settings;
    }

    @Override
    public void filterSources(ImageSourceBuilder source) {
        source.optExclude(SIDECAR_GLOB);
    }

    @Override
    public PreStage<DecodedImage> preStage() {
        return PreStage.none();
    }

    /**
     * The image with its depth file's map, or without a map when it has none.
     *
     * @throws StageFailure of the decode stage when a depth file exists but cannot be read
     */
    @Override
    public PlannedWork<Void, Work> split(DecodedImage record) throws StageFailure {
        DepthResolver.Resolved depth;
        try {
            depth = files().resolve(
                            Path.of(inputRoot).resolve(record.relativePath()), record.relativePath(), record.colour());
        } catch (IOException | RuntimeException e) {
            throw new StageFailure(PipelineStage.DECODE, e);
        }
        return PlannedWork.single(
                null,
                new Work(
                        record.colour(),
                        depth == null ? null : depth.map(),
                        depth == null ? null : depth.source(),
                        record.pagePath().hashCode()));
    }

    @Override
    public TaskResult assemble(DecodedImage record, Void plan, List<Translated> results) {
        Translated translated = results.get(0);
        return TaskResult.of(translated.image(), settings.describe(translated.depthSource()));
    }

    @Override
    public Processors<Work, Translated> processors() {
        return Processors.images(new Depth2ImgProcessorFactory(settings));
    }

    private DepthResolver files() {
        if (files == null) {
            files = DepthResolver.of(
                    settings.depthDirectory() == null ? null : Path.of(settings.depthDirectory()),
                    DepthConvention.parse(settings.convention()),
                    null);
        }
        return files;
    }
}
