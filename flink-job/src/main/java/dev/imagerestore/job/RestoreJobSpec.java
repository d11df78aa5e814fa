package dev.imagerestore.job;

import dev.imagerestore.models.restore.Denoiser;
import dev.imagerestore.models.sampler.SamplerKind;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.inference.InferenceSettings;
import dev.imagerestore.operators.source.ImageSourceBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything one restoration job needs, validated on construction. Immutable.
 *
 * @param input root folder of the images to restore
 * @param output root folder of the restored files (and of {@code _report/})
 * @param tasks restoration tasks in the order they run: {@code denoise}, {@code inpaint},
 *     {@code inpaint,denoise}, or {@code depth2img}
 * @param sigma the noise level (0-255 scale) of every image, or empty to estimate it per image
 * @param watch empty for a bounded run over what is there; else the interval of continuous monitoring
 * @param checkpointInterval checkpoint interval of continuous runs (outputs commit at checkpoints)
 * @param includes include globs relative to the input root (empty = every image)
 * @param excludes exclude globs
 * @param maxPixels decoded-size limit per image
 * @param format output format override; empty keeps each input's format
 * @param overwrite whether existing outputs may be replaced
 * @param model the model directory ({@code models/zoo/denoise-small} resolves to the jar's copy)
 * @param inference device, batching, capacity, timeout and tiling of the inference stage
 * @param parallelism job parallelism, or 0 for the environment's default
 * @param refineSteps sampler steps after the one-step estimate (0 = one-step posterior mean)
 * @param selfEnsemble tile symmetries the denoiser averages over (1 = off, 2, 4 or 8)
 * @param seed seed of the refinement and inpainting noise
 * @param inpaint masks and sampler of the {@code inpaint} task
 * @param sampler the sampler the refinement steps run
 * @param maxFileBytes input files above this size are reported, not read
 * @param followLinks whether symbolic links out of the input are followed (links inside always are)
 */
public record RestoreJobSpec(
        Path input,
        Path output,
        List<String> tasks,
        OptionalDouble sigma,
        Optional<Duration> watch,
        Duration checkpointInterval,
        List<String> includes,
        List<String> excludes,
        long maxPixels,
        Optional<OutputFormat> format,
        boolean overwrite,
        Path model,
        InferenceSettings inference,
        int parallelism,
        int refineSteps,
        int selfEnsemble,
        long seed,
        InpaintJobSpec inpaint,
        SamplerKind sampler,
        long maxFileBytes,
        boolean followLinks) {

    public static final List<String> SUPPORTED_TASKS = List.of("denoise", "inpaint", "depth2img");

    /** The task lists a job runs: each task alone, and inpainting followed by denoising. */
    public static final List<List<String>> SUPPORTED_COMBINATIONS = List.of(List.of("denoise"), List.of("inpaint"),
            List.of("inpaint", "denoise"), List.of("depth2img"));

    /** A spec whose refinement, if any, runs DDIM, with the default input limits. */
    public RestoreJobSpec(Path input, Path output, List<String> tasks, OptionalDouble sigma, Optional<Duration> watch,
            Duration checkpointInterval, List<String> includes, List<String> excludes, long maxPixels,
            Optional<OutputFormat> format, boolean overwrite, Path model, InferenceSettings inference, int parallelism,
            int refineSteps, int selfEnsemble, long seed, InpaintJobSpec inpaint) {
        this(input, output, tasks, sigma, watch, checkpointInterval, includes, excludes, maxPixels, format, overwrite,
                model, inference, parallelism, refineSteps, selfEnsemble, seed, inpaint, SamplerKind.DDIM);
    }

    /** A spec with the default input limits: 1 GiB per file, links out of the input not followed. */
    public RestoreJobSpec(Path input, Path output, List<String> tasks, OptionalDouble sigma, Optional<Duration> watch,
            Duration checkpointInterval, List<String> includes, List<String> excludes, long maxPixels,
            Optional<OutputFormat> format, boolean overwrite, Path model, InferenceSettings inference, int parallelism,
            int refineSteps, int selfEnsemble, long seed, InpaintJobSpec inpaint, SamplerKind sampler) {
        this(input, output, tasks, sigma, watch, checkpointInterval, includes, excludes, maxPixels, format, overwrite,
                model, inference, parallelism, refineSteps, selfEnsemble, seed, inpaint, sampler,
                ImageSourceBuilder.DEFAULT_MAX_FILE_BYTES, false);
    }

    /** A spec without self-ensemble and inpainting settings (they take 1 and {@link InpaintJobSpec#defaults()}). */
    public RestoreJobSpec(Path input, Path output, List<String> tasks, OptionalDouble sigma, Optional<Duration> watch,
            Duration checkpointInterval, List<String> includes, List<String> excludes, long maxPixels,
            Optional<OutputFormat> format, boolean overwrite, Path model, InferenceSettings inference, int parallelism,
            int refineSteps, long seed) {
        this(input, output, tasks, sigma, watch, checkpointInterval, includes, excludes, maxPixels, format, overwrite,
                model, inference, parallelism, refineSteps, 1, seed, InpaintJobSpec.defaults());
    }

    public RestoreJobSpec {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        tasks = List.copyOf(tasks);
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("at least one task is needed; supported: " + SUPPORTED_TASKS);
        }
        for (String task : tasks) {
            if (!SUPPORTED_TASKS.contains(task)) {
                throw new IllegalArgumentException("--task " + task + " is not a task of this version; use denoise, "
                        + "inpaint, inpaint,denoise or depth2img");
            }
        }
        Objects.requireNonNull(inpaint, "inpaint");
        Objects.requireNonNull(sampler, "sampler");
        if (!SUPPORTED_COMBINATIONS.contains(tasks)) {
            throw new IllegalArgumentException("--task " + String.join(",", tasks) + " is not a supported combination; "
                    + "use denoise, inpaint, inpaint,denoise (inpainting first) or depth2img (alone)");
        }
        if (sigma.isPresent() && !(sigma.getAsDouble() > 0 && sigma.getAsDouble() <= 150)) {
            throw new IllegalArgumentException("--sigma must be in (0, 150] on the 0-255 scale or 'auto', got "
                    + sigma.getAsDouble());
        }
        Folders.checkApart(input, output);
        if (maxFileBytes < 1 || maxFileBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("--max-file-bytes must be in [1, " + (Integer.MAX_VALUE - 8)
                    + "] (the largest Java array), got " + maxFileBytes);
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("--max-pixels must be >= 1, got " + maxPixels);
        }
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("--checkpoint-interval must be positive, got " + checkpointInterval);
        }
        if (refineSteps < 0) {
            throw new IllegalArgumentException("--refine-steps must be >= 0, got " + refineSteps);
        }
        if (!Denoiser.isSelfEnsembleSize(selfEnsemble)) {
            throw new IllegalArgumentException("--ensemble must be 1, 2, 4 or 8, got " + selfEnsemble);
        }
        if (parallelism < 0) {
            throw new IllegalArgumentException("--parallelism must be >= 0 (0 = default), got " + parallelism);
        }
    }

    /** Whether the {@code inpaint} task runs. */
    public boolean inpaints() {
        return tasks.contains("inpaint");
    }

    public boolean continuous() {
        return watch.isPresent();
    }
}
