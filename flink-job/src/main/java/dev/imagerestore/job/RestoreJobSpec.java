package dev.imagerestore.job;

import dev.imagerestore.job.task.RestorationTask;
import dev.imagerestore.job.task.TiledProcessing;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.decode.PixelLimits;
import dev.imagerestore.operators.inference.InferenceSettings;
import dev.imagerestore.operators.source.ImageSourceBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one restoration job needs, validated on construction. Immutable.
 *
 * @param input root folder of the images to restore
 * @param output root folder of the restored files (and of {@code _report/})
 * @param task what the job does to each image, with its model and settings
 * @param watch empty for a bounded run over what is there; else the interval of continuous monitoring
 * @param checkpointInterval checkpoint interval of continuous runs (outputs commit at checkpoints)
 * @param includes include globs relative to the input root (empty = every image)
 * @param excludes exclude globs
 * @param maxPixels pixel limit of every image ({@code --max-pixels}), read whole or as tiles
 * @param format output format override; empty keeps each input's format
 * @param overwrite whether existing outputs may be replaced
 * @param inference device, batching, capacity, timeout and tiling of the inference stage
 * @param parallelism job parallelism, or 0 for the environment's default
 * @param maxFileBytes input files above this size are reported, not read
 * @param followLinks whether symbolic links out of the input are followed (links inside always are)
 * @param tileAbovePixels images of more pixels flow through the run as streams of tiles, when
 *     the task can restore them so ({@link RestorationTask#tiled()})
 * @param maxWholePixels pixel limit of an image decoded whole ({@code --max-whole-pixels}): every
 *     image of a task that holds images whole, and the pages the tiled path hands over
 */
public record RestoreJobSpec(
        Path input,
        Path output,
        RestorationTask<?, ?, ?, ?> task,
        Optional<Duration> watch,
        Duration checkpointInterval,
        List<String> includes,
        List<String> excludes,
        long maxPixels,
        Optional<OutputFormat> format,
        boolean overwrite,
        InferenceSettings inference,
        int parallelism,
        long maxFileBytes,
        boolean followLinks,
        long tileAbovePixels,
        long maxWholePixels) {

    /** Images above this many pixels flow as tiles by default: 16 Mpx, about 3 GB as whole float planes. */
    public static final long DEFAULT_TILE_ABOVE_PIXELS = 16_000_000L;

    /**
     * A spec with the default input limits: 1 GiB per file, links out of the input not followed,
     * images above {@link #DEFAULT_TILE_ABOVE_PIXELS} as tiles, and images decoded whole held to
     * {@code maxPixels} or {@link PixelLimits#DEFAULT_MAX_WHOLE_PIXELS}, whichever is smaller.
     */
    public RestoreJobSpec(
            Path input,
            Path output,
            RestorationTask<?, ?, ?, ?> task,
            Optional<Duration> watch,
            Duration checkpointInterval,
            List<String> includes,
            List<String> excludes,
            long maxPixels,
            Optional<OutputFormat> format,
            boolean overwrite,
            InferenceSettings inference,
            int parallelism) {
        this(
                input,
                output,
                task,
                watch,
                checkpointInterval,
                includes,
                excludes,
                maxPixels,
                format,
                overwrite,
                inference,
                parallelism,
                ImageSourceBuilder.DEFAULT_MAX_FILE_BYTES,
                false,
                DEFAULT_TILE_ABOVE_PIXELS,
                Math.min(maxPixels, PixelLimits.DEFAULT_MAX_WHOLE_PIXELS));
    }

    public RestoreJobSpec {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(inference, "inference");
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
        Folders.checkApart(input, output);
        if (maxFileBytes < 1 || maxFileBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("--max-file-bytes must be in [1, " + (Integer.MAX_VALUE - 8)
                    + "] (the largest Java array), got " + maxFileBytes);
        }
        PixelLimits limits = new PixelLimits(maxPixels, maxWholePixels);
        if (task.tiled().isPresent() && limits.maxWholePixels() < Math.min(tileAbovePixels, maxPixels)) {
            // images above --max-whole-pixels, within --max-pixels and not above --tile-above would be refused
            throw new IllegalArgumentException("--tile-above " + tileAbovePixels + " is above --max-whole-pixels "
                    + maxWholePixels + ": images between the two would be refused; lower --tile-above or raise "
                    + "--max-whole-pixels");
        }
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("--checkpoint-interval must be positive, got " + checkpointInterval);
        }
        if (tileAbovePixels < 1) {
            throw new IllegalArgumentException("--tile-above must be > 0, got " + tileAbovePixels + " pixels");
        }
        if (parallelism < 0) {
            throw new IllegalArgumentException("--parallelism must be >= 0 (0 = default), got " + parallelism);
        }
    }

    /** The pixel limits of this run: of every image, and of images decoded whole. */
    public PixelLimits limits() {
        return new PixelLimits(maxPixels, maxWholePixels);
    }

    /**
     * The limit an image of this run is held to by its header: {@code --max-pixels} when large
     * images flow as tiles, else the smaller of it and {@code --max-whole-pixels} (pages an
     * orientation turns go whole in either case).
     */
    public long pixelLimit() {
        return tiled().isPresent() ? maxPixels : Math.min(maxPixels, maxWholePixels);
    }

    /** The option that sets {@link #pixelLimit()}. */
    public String pixelLimitOption() {
        return tiled().isPresent() || maxPixels <= maxWholePixels ? "--max-pixels" : "--max-whole-pixels";
    }

    public boolean continuous() {
        return watch.isPresent();
    }

    /**
     * How this run restores images too large to hold whole: the task's tiled processing; empty when
     * every image is restored whole (tasks that need the whole image).
     */
    public Optional<TiledProcessing> tiled() {
        return task.tiled();
    }
}
