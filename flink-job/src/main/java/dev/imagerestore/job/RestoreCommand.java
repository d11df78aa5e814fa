package dev.imagerestore.job;

import dev.imagerestore.job.internal.Checkpoints;
import dev.imagerestore.job.internal.FailOn;
import dev.imagerestore.job.internal.InputSurvey;
import dev.imagerestore.job.internal.LocalRun;
import dev.imagerestore.job.internal.OptionNames;
import dev.imagerestore.job.internal.OptionSections;
import dev.imagerestore.job.internal.ProgressMode;
import dev.imagerestore.job.internal.ProgressReporter;
import dev.imagerestore.job.internal.RunCounts;
import dev.imagerestore.job.internal.RunFolders;
import dev.imagerestore.job.internal.RunSummary;
import dev.imagerestore.job.internal.TaskOptions;
import dev.imagerestore.job.task.BlindRestoreTask;
import dev.imagerestore.job.task.DenoiseTask;
import dev.imagerestore.job.task.Depth2ImgTask;
import dev.imagerestore.job.task.InpaintTask;
import dev.imagerestore.job.task.Refinement;
import dev.imagerestore.job.task.RestorationTask;
import dev.imagerestore.models.cli.DurationConverter;
import dev.imagerestore.models.cli.RePaintOptions;
import dev.imagerestore.models.detect.DamageNetwork;
import dev.imagerestore.models.inpaint.Inpainter;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.io.ModelLocation;
import dev.imagerestore.models.restore.Denoiser;
import dev.imagerestore.models.sampler.SamplerKind;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.decode.PixelLimits;
import dev.imagerestore.operators.decode.Provenance;
import dev.imagerestore.operators.inference.DeviceOption;
import dev.imagerestore.operators.inference.GpuAssignment;
import dev.imagerestore.operators.inference.InferenceOptions;
import dev.imagerestore.operators.inference.InferenceSettings;
import dev.imagerestore.operators.inpaint.MaskSource;
import dev.imagerestore.operators.source.ImageSourceBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code restore}: checks the options and folders, builds the restoration job and runs it on the
 * environment Flink provides: the embedded mini cluster under {@code java -jar} (with progress and
 * a summary, see {@link LocalRun}), or the cluster under {@code flink run}. Every check runs before
 * the job is defined; a failed one is a usage error (exit code 2) that names the option, never a
 * configuration key.
 */
@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        abbreviateSynopsis = true,
        description = "Restore every image under --input into --output (same relative paths).",
        footer = {
            "",
            "Durations are written 500ms, 5s, 2m, 1h or in ISO-8601 (PT5S).",
            "",
            "Exit codes:",
            "  0  every image was restored or skipped (its output exists), or --input holds no image",
            "  1  the run itself failed (cluster, model); the message says why",
            "  2  usage error: an option's value, an unreadable --input or unwritable --output",
            "  3  some images failed (the summary and OUT/_report/ say which); --fail-on none makes this 0"
        })
final class RestoreCommand implements Callable<Integer> {

    private final Map<Path, ModelCard> cards = new HashMap<>();

    /** {@code restore --help}'s option list: what to read and write, how the run goes, then each task's options. */
    static final OptionSections HELP_SECTIONS = OptionSections.builder()
            .section(
                    "Input and output",
                    "--input",
                    "--output",
                    "--include",
                    "--exclude",
                    "--follow-links",
                    "--format",
                    "--overwrite",
                    "--max-pixels",
                    "--max-whole-pixels",
                    "--max-file-bytes",
                    "--tile-above")
            .section("Task and model", "--task", "--model", "--device", "--threads", "--cpu-workers", "--seed")
            .section(
                    "Continuous runs and checkpoints",
                    "--watch",
                    "--checkpoint-interval",
                    "--checkpoint-dir",
                    "--from-checkpoint")
            .section("Run, progress and exit code", "--parallelism", "--progress", "--fail-on")
            .section(
                    "Model execution (every task)",
                    "--tile-size",
                    "--overlap",
                    "--batch",
                    "--max-wait",
                    "--capacity",
                    "--timeout")
            .section("Sampling", "--refine-steps", "--sampler", "--strength")
            .section("denoise", "--sigma", "--ensemble")
            .section(
                    "Damage masks (inpaint, restore)",
                    "--mask",
                    "--detector",
                    "--mask-threshold",
                    "--save-masks",
                    "--mask-dir")
            .section("inpaint", "--steps", "--jump-length", "--jump-repeats", "--samples", "--feather")
            .section(
                    "depth2img",
                    "--target",
                    "--encoding",
                    "--source",
                    "--guidance",
                    "--depth-estimator",
                    "--depth-model",
                    "--depth-model-size",
                    "--depth-convention",
                    "--depth-dir")
            .build();

    @Spec
    CommandSpec command;

    @Option(names = "--input", required = true, description = "Folder of images to restore (searched recursively).")
    Path input;

    @Option(names = "--output", required = true, description = "Folder for restored files and the _report/ run report.")
    Path output;

    @Option(
            names = "--task",
            split = ",",
            description = "Tasks, in the order they run. Supported: denoise, inpaint, inpaint,denoise; depth2img "
                    + "and restore (blind restoration of real scans and photographs) alone. Default: the task "
                    + "--model's card is made for (a restorer: restore; a denoiser: denoise), or "
                    + RestorationTasks.DEFAULT_TASK + " without --model.")
    List<String> tasks;

    @Option(
            names = "--sigma",
            defaultValue = "auto",
            description =
                    "Noise level on the 0-255 scale, or 'auto' to estimate it per image (default ${DEFAULT-VALUE}).")
    String sigma;

    @Option(
            names = "--watch",
            paramLabel = "INTERVAL",
            converter = DurationConverter.class,
            description = "Keep watching --input, scanning every INTERVAL (e.g. 5s), and restore files as they appear.")
    Duration watch;

    @Option(
            names = "--checkpoint-interval",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description =
                    "Checkpoint interval with --watch; outputs are committed at checkpoints (default ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(
            names = "--checkpoint-dir",
            paramLabel = "DIR",
            description = "With --watch: keep checkpoints in DIR/<job id>/chk-N, retained when the job is cancelled "
                    + "or killed, so that a later run can resume with --from-checkpoint.")
    Path checkpointDir;

    @Option(
            names = "--from-checkpoint",
            paramLabel = "PATH",
            description =
                    "With --watch: resume from a retained checkpoint or savepoint (a chk-N or savepoint "
                            + "folder, or DIR/<job id> for its newest checkpoint); files it had restored are not restored again.")
    Path fromCheckpoint;

    @Option(names = "--include", description = "Glob of input paths to restore, e.g. '**/*.tif' (repeatable).")
    List<String> includes = List.of();

    @Option(names = "--exclude", description = "Glob of input paths to skip (repeatable).")
    List<String> excludes = List.of();

    @Option(
            names = "--max-pixels",
            defaultValue = "" + PixelLimits.DEFAULT_MAX_PIXELS,
            description = "Largest image (width x height) read, whole or as tiles; larger ones go to the report "
                    + "(default ${DEFAULT-VALUE}).")
    long maxPixels;

    @Option(
            names = "--max-whole-pixels",
            defaultValue = "" + PixelLimits.DEFAULT_MAX_WHOLE_PIXELS,
            description = "Largest image decoded whole, in memory that grows with it: every image of inpaint, "
                    + "depth2img and restore with masks, pages with an orientation to apply, animation frames; "
                    + "larger ones go to the report (default ${DEFAULT-VALUE}).")
    long maxWholePixels;

    @Option(
            names = "--tile-above",
            defaultValue = "" + RestoreJobSpec.DEFAULT_TILE_ABOVE_PIXELS,
            description = "Images of more pixels are read by band and flow through a bounded run as tiles, on every "
                    + "slot, in memory that does not grow with them (default ${DEFAULT-VALUE}; --task restore without "
                    + "masks and --task denoise).")
    long tileAbove;

    @Option(
            names = "--max-file-bytes",
            defaultValue = "" + ImageSourceBuilder.DEFAULT_MAX_FILE_BYTES,
            description = "Largest input file read, in bytes; larger ones go to the report (default ${DEFAULT-VALUE}).")
    long maxFileBytes;

    @Option(
            names = "--follow-links",
            description = "Follow symbolic links that lead out of --input (default: report "
                    + "them as skipped). Links inside --input are followed; loops are cut either way.")
    boolean followLinks;

    @Option(names = "--format", description = "Output format png|tiff|jpeg (default: the input's format).")
    String format;

    @Option(names = "--overwrite", description = "Replace existing output files (default: keep them and report).")
    boolean overwrite;

    @Option(
            names = "--model",
            description = "Model directory (default: the task's zoo model; " + ModelLocation.DEFAULT_DIRECTORY
                    + " is packaged in the jar).")
    Path model;

    @Option(
            names = "--device",
            defaultValue = "auto",
            description = "auto, cpu or gpu (default ${DEFAULT-VALUE}). "
                    + "On a cluster a GPU is a slot resource (see the README's GPU set-up); with java -jar the subtasks share "
                    + "the GPUs PyTorch sees (the jar built with -Pcuda). auto takes a GPU when there is one.")
    DeviceOption device;

    @Option(
            names = "--threads",
            defaultValue = "0",
            description = "CPU intra-op threads per TaskManager (per CPU worker with --cpu-workers), 0 = all cores "
                    + "(an equal share of them per worker).")
    int threads;

    @Option(
            names = "--cpu-workers",
            defaultValue = "1",
            description = "Copies of the model that run at once on a TaskManager's CPU, the device stage's slots "
                    + "spread over them (default ${DEFAULT-VALUE}). --parallelism 2 --cpu-workers 2 --threads 1 runs "
                    + "two single-threaded forward passes side by side, so that both slots work on one large scan.")
    int cpuWorkers;

    @Option(
            names = "--tile-size",
            defaultValue = "" + Denoiser.DEFAULT_TILE_SIZE,
            description = "Tile side in pixels (default ${DEFAULT-VALUE}).")
    int tileSize;

    @Option(
            names = "--overlap",
            defaultValue = "" + Denoiser.DEFAULT_OVERLAP,
            description = "Tile overlap in pixels (default ${DEFAULT-VALUE}).")
    int overlap;

    @Option(
            names = "--batch",
            defaultValue = "4",
            description = "Tiles per forward pass, across images (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--max-wait",
            defaultValue = "50ms",
            converter = DurationConverter.class,
            description = "Longest wait for a batch to fill (default ${DEFAULT-VALUE}).")
    Duration maxWait;

    @Option(
            names = "--capacity",
            defaultValue = "8",
            description = "Images in flight per inference subtask (default ${DEFAULT-VALUE}).")
    int capacity;

    @Option(
            names = "--timeout",
            defaultValue = "30m",
            converter = DurationConverter.class,
            description = "Per-image limit; slower images are reported as failed (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(
            names = "--refine-steps",
            defaultValue = "0",
            description = "Sampler steps after the one-step estimate: sharper, slower (default ${DEFAULT-VALUE}).")
    int refineSteps;

    @Option(
            names = "--sampler",
            defaultValue = "ddim",
            description = "Sampler of the refinement steps: ddim, ddpm, euler-maruyama, heun, pc or dpm-solver++ "
                    + "(default ${DEFAULT-VALUE}; eval samplers compares them).")
    String sampler;

    @Option(
            names = "--ensemble",
            defaultValue = "1",
            description = "Denoising self-ensemble: average over 1, 2, 4 or 8 flips/transpositions of every tile; "
                    + "about +0.2 dB at 8, at 8 times the model time (default ${DEFAULT-VALUE}).")
    int ensemble;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "Seed of the refinement noise (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--mask",
            description = "Damage masks of inpaint and restore: 'sidecar' (name.mask.png next to each image, white = "
                    + "repair, any size), a folder of them (same relative paths), or 'auto' (found by the learned "
                    + "--detector). Default: sidecar for inpaint, none for restore.")
    String mask;

    @Option(
            names = "--detector",
            defaultValue = RestorationTasks.DETECTOR,
            description = "--mask auto: the learned damage detector's model directory (default ${DEFAULT-VALUE}).")
    Path detector;

    @Option(
            names = "--mask-threshold",
            description = "--mask auto: damage probability from which a pixel is flagged, in (0, 1) "
                    + "(default: the detector card's).")
    Double maskThreshold;

    @Option(
            names = "--save-masks",
            description = "restore, and inpaint with --mask auto: write the mask used next to each output as "
                    + "NAME.mask.png.")
    boolean saveMasks;

    @Option(
            names = "--mask-dir",
            description = "Read inpainting masks from this folder, same relative paths (name.mask.png).")
    String maskDir;

    @Option(
            names = "--steps",
            description = "DDIM steps: of inpainting (default " + Inpainter.DEFAULT_STEPS + "), of a full "
                    + "depth2img run (default " + Depth2ImgOptions.DEFAULT_STEPS + ").")
    Integer steps;

    @Mixin
    RePaintOptions repaint;

    @Option(
            names = "--feather",
            defaultValue = "0",
            description =
                    "Blend the fill into this many pixels around the mask; 0 keeps them bit-identical (default ${DEFAULT-VALUE}).")
    int feather;

    @Option(
            names = "--strength",
            description = "Start, a fraction of the schedule; 1 = pure noise: of inpainting "
                    + "(default " + Inpainter.DEFAULT_STRENGTH + "), depth2img's SDEdit strength in (0, 1] (default "
                    + Depth2ImgOptions.DEFAULT_STRENGTH + ").")
    Double strength;

    @Option(names = "--parallelism", defaultValue = "0", description = "Job parallelism, 0 = Flink's default.")
    int parallelism;

    @Option(
            names = "--progress",
            defaultValue = "auto",
            paramLabel = "auto|tty|lines|none",
            description = "Progress of a java -jar run: one line updated in place (tty), a line every 30 s (lines), "
                    + "none; auto = tty on a terminal, else lines (default ${DEFAULT-VALUE}).")
    ProgressMode progress;

    @Option(
            names = "--fail-on",
            defaultValue = "failed",
            paramLabel = "none|failed",
            description =
                    "Exit with 3 when images failed (failed), or 0 whatever failed (none) (default ${DEFAULT-VALUE}).")
    FailOn failOn;

    @Mixin
    Depth2ImgOptions depth2img;

    @Override
    public Integer call() throws Exception {
        Configuration config = usage(this::configuration);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        boolean local = env instanceof LocalStreamEnvironment;
        if (local) {
            // One JVM, no cluster set-up: the GPUs are the ones the engine sees, not slot resources;
            // the task managers report their counts every second for the progress line.
            config.set(InferenceOptions.GPU_ASSIGNMENT, GpuAssignment.ENGINE);
            config.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
            env = StreamExecutionEnvironment.createLocalEnvironment(config);
        }
        RestoreJobSpec spec = usage(() -> spec(config));
        usage(() -> {
            TaskOptions.check(command.commandLine().getParseResult(), taskNames());
            if (local) {
                // on a cluster the folders are the task managers' and may not be visible from the client
                RunFolders.checkInput(input);
                RunFolders.checkOutput(output);
            }
            return null;
        });
        InputSurvey survey =
                spec.continuous() || !local ? null : InputSurvey.of(RestoreJob.source(spec), spec.pixelLimit());
        if (survey != null && survey.images() == 0) {
            command.commandLine()
                    .getErr()
                    .println("warning: no images to restore under " + input
                            + (includes.isEmpty() && excludes.isEmpty() ? "" : " with these --include/--exclude globs")
                            + "; nothing to do");
            return 0;
        }
        RestoreJob.define(env, spec, usage(() -> provenance(spec.task().model())));
        String name = "restore " + input + " -> " + output;
        if (!local) {
            // attached, the counts come back with the result; detached, nothing is known yet
            JobExecutionResult result = env.execute(name);
            return result.isJobExecutionResult()
                    ? failOn.exitCode(
                            RunCounts.of(result.getAllAccumulatorResults()).count("failed"))
                    : 0;
        }
        return runLocally(env, spec, survey, name);
    }

    private int runLocally(StreamExecutionEnvironment env, RestoreJobSpec spec, InputSurvey survey, String name)
            throws Exception {
        PrintWriter out = command.commandLine().getOut();
        out.println((survey == null ? "watching " + input + " for images" : "restoring from " + input) + " into "
                + output + " on the embedded mini cluster"
                + (survey == null ? "" : ": " + survey.describe(spec.pixelLimitOption(), spec.pixelLimit())));
        out.flush();
        ProgressReporter reporter = new ProgressReporter(out, progress.resolve(System.console() != null), survey);
        LocalRun run = new LocalRun(input, output, maxPixels, reporter, out);
        JobClient client = env.executeAsync(name);
        if (checkpointDir != null) {
            Path jobCheckpoints =
                    checkpointDir.toAbsolutePath().resolve(client.getJobID().toHexString());
            out.println("checkpoints in " + jobCheckpoints + "; after a stop, resume with --from-checkpoint "
                    + jobCheckpoints);
            out.flush();
        }
        RunSummary summary = run.follow(client, !spec.continuous());
        return summary == null ? 0 : failOn.exitCode(summary.count("failed"));
    }

    /** The provenance record of the outputs: this version, and the name and weights of the model that runs. */
    private Provenance provenance(Path modelDirectory) {
        ModelCard card = card(modelDirectory);
        String sha256 = card.weights() == null || card.weights().sha256() == null
                ? ""
                : card.weights().sha256();
        return new Provenance(new Version().getVersion()[0], card.name(), sha256, OptionalLong.of(seed))
                .withSourceDateEpoch(System.getenv("SOURCE_DATE_EPOCH"));
    }

    /** The card of {@code modelDirectory}, read once per command however many checks ask for it. */
    private ModelCard card(Path modelDirectory) {
        return cards.computeIfAbsent(modelDirectory, directory -> {
            try {
                return ModelLocation.readCard(directory, RestoreCommand.class.getClassLoader());
            } catch (IOException e) {
                throw new IllegalArgumentException("--model " + directory + ": " + e.getMessage(), e);
            }
        });
    }

    /** The tile multiple of the model that runs; refuses a --tile-size that is not one. */
    private int sizeMultiple(ModelCard card) {
        int multiple = card.architecture().sizeMultiple();
        if (tileSize % multiple != 0) {
            throw new IllegalArgumentException("--tile-size " + tileSize + " must be a multiple of " + multiple
                    + " for model " + card.name() + "; try " + Math.max(multiple, tileSize / multiple * multiple));
        }
        return multiple;
    }

    /** What {@code check} returns; its IllegalArgumentException becomes a usage error that names options, not keys. */
    private <T> T usage(Check<T> check) throws IOException {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), OptionNames.of(e.getMessage()), e);
        }
    }

    /** A step of the checks before the job is defined. */
    @FunctionalInterface
    private interface Check<T> {
        T get() throws IOException;
    }

    /** The Flink configuration of this run: inference settings, and checkpoint retention and recovery. */
    Configuration configuration() throws IOException {
        Configuration config = new Configuration();
        config.set(InferenceOptions.DEVICE, device);
        config.set(InferenceOptions.CPU_THREADS, threads);
        config.set(InferenceOptions.CPU_WORKERS, cpuWorkers);
        config.set(InferenceOptions.TILE_SIZE, tileSize);
        config.set(InferenceOptions.OVERLAP, overlap);
        config.set(InferenceOptions.MAX_BATCH, batch);
        config.set(InferenceOptions.MAX_WAIT, maxWait);
        config.set(InferenceOptions.CAPACITY, capacity);
        config.set(InferenceOptions.TIMEOUT, timeout);
        if ((checkpointDir != null || fromCheckpoint != null) && watch == null) {
            throw new IllegalArgumentException("--checkpoint-dir and --from-checkpoint need --watch: a bounded run "
                    + "has no checkpoints and commits at its end; rerunning it skips the outputs that exist");
        }
        if (checkpointDir != null) {
            config.set(
                    CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    checkpointDir.toAbsolutePath().toUri().toString());
            config.set(
                    CheckpointingOptions.SAVEPOINT_DIRECTORY,
                    checkpointDir.toAbsolutePath().toUri().toString());
            config.set(
                    CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        }
        if (fromCheckpoint != null) {
            try {
                config.set(
                        StateRecoveryOptions.SAVEPOINT_PATH,
                        Checkpoints.resolve(fromCheckpoint).toUri().toString());
            } catch (IOException e) {
                throw new IllegalArgumentException("--from-checkpoint " + fromCheckpoint + ": " + e.getMessage(), e);
            }
        }
        return config;
    }

    /** The tasks of this run: {@code --task}, checked, or the task of {@code --model}'s card, or the default. */
    List<String> taskNames() {
        if (tasks != null) {
            return RestorationTasks.check(tasks);
        }
        return model == null ? List.of(RestorationTasks.DEFAULT_TASK) : RestorationTasks.forCard(model, card(model));
    }

    /**
     * {@code --model}, or the zoo model of the run's task; {@code --task inpaint --mask auto} defaults to
     * the zoo's restorer, which fills what the detector flags in one pass.
     */
    private Path modelDirectory(List<String> names) {
        if (model != null) {
            return model;
        }
        return names.equals(List.of(InpaintTask.NAME)) && isAutoMask()
                ? Path.of(RestorationTasks.RESTORER)
                : RestorationTasks.defaultModel(names);
    }

    private boolean isAutoMask() {
        return "auto".equalsIgnoreCase(mask);
    }

    /**
     * The {@code depth2img} settings of this run, or null when the task is not asked for; it shares
     * {@code --steps}, {@code --strength} and {@code --seed} with inpainting, each task with its own defaults.
     */
    Depth2ImgSettings depth2imgSettings() {
        return tasks != null && tasks.contains(Depth2ImgTask.NAME)
                ? depth2img.settings(
                        tasks,
                        modelDirectory(tasks),
                        seed,
                        Optional.ofNullable(steps),
                        Optional.ofNullable(strength),
                        tileSize,
                        overlap,
                        batch)
                : null;
    }

    /** The job of this run, validated; the size multiple is read from the card of the model that runs. */
    RestoreJobSpec spec(Configuration config) {
        List<String> names = taskNames();
        Path directory =
                names.contains(Depth2ImgTask.NAME) ? Path.of(depth2imgSettings().model()) : modelDirectory(names);
        ModelCard card = card(directory);
        RestorationTasks.checkCard(names, directory, card, isAutoMask());
        return spec(config, sizeMultiple(card));
    }

    /** The job of this run with the model's size multiple given, validated. */
    RestoreJobSpec spec(Configuration config, int sizeMultiple) {
        InferenceSettings inference = InferenceSettings.from(config);
        return new RestoreJobSpec(
                input,
                output,
                task(taskNames(), inference, sizeMultiple),
                Optional.ofNullable(watch),
                checkpointInterval,
                includes,
                excludes,
                maxPixels,
                Optional.ofNullable(format).map(OutputFormat::parseOverride),
                overwrite,
                inference,
                parallelism,
                maxFileBytes,
                followLinks,
                tileAbove,
                maxWholePixels);
    }

    /** The task named first in {@code names}, built from this run's options. */
    private RestorationTask<?, ?, ?, ?> task(List<String> names, InferenceSettings inference, int sizeMultiple) {
        Path directory = modelDirectory(names);
        return switch (names.get(0)) {
            case DenoiseTask.NAME ->
                DenoiseTask.builder(directory, inference, sizeMultiple)
                        .optSigma(parseSigma(sigma))
                        .optRefinement(refinement())
                        .optSelfEnsemble(ensemble)
                        .build();
            case InpaintTask.NAME -> {
                if (names.size() == 1 && isAutoMask() && RestorationTasks.fillsDamage(card(directory))) {
                    // the restorer's one pass, only the flagged pixels taken from it
                    TaskOptions.checkFill(
                            command == null ? null : command.commandLine().getParseResult(), directory.toString());
                    yield BlindRestoreTask.builder(directory, inference, sizeMultiple)
                            .optMasks(maskSource())
                            .optDetector(detector(), maskThreshold == null ? Double.NaN : maskThreshold)
                            .optSaveMasks(saveMasks)
                            .optRefinement(refinement())
                            .optOnlyMasked(true)
                            .build();
                }
                if (saveMasks) {
                    throw new IllegalArgumentException("--save-masks with --task " + String.join(",", names)
                            + " writes the masks that --mask auto finds and a restorer fills in one pass; it needs "
                            + "--task inpaint --mask auto with a restorer trained on damage (the default --model), "
                            + "or --task restore; --model " + directory + " inpaints with RePaint");
                }
                if (RestorationTasks.isFill(card(directory))) {
                    TaskOptions.checkFill(
                            command == null ? null : command.commandLine().getParseResult(), directory.toString());
                }
                InpaintTask.Builder builder = InpaintTask.builder(
                                directory,
                                inference,
                                sizeMultiple,
                                new InpaintJobSpec(
                                        maskSource(),
                                        steps == null ? Inpainter.DEFAULT_STEPS : steps,
                                        repaint.jumpLength(),
                                        repaint.jumpRepeats(),
                                        repaint.samples(),
                                        feather,
                                        strength == null ? Inpainter.DEFAULT_STRENGTH : strength))
                        .optSeed(seed);
                yield names.contains(DenoiseTask.NAME)
                        ? builder.optDenoise(parseSigma(sigma)).build()
                        : builder.build();
            }
            case Depth2ImgTask.NAME -> new Depth2ImgTask(depth2imgSettings(), input);
            case BlindRestoreTask.NAME -> {
                if (mask != null || maskDir != null) {
                    requireDamageTraining(directory);
                }
                BlindRestoreTask.Builder builder = BlindRestoreTask.builder(directory, inference, sizeMultiple)
                        .optMasks(mask == null ? MaskSource.none() : maskSource())
                        .optSaveMasks(saveMasks)
                        .optRefinement(refinement());
                if ("auto".equalsIgnoreCase(mask) || maskThreshold != null) {
                    builder.optDetector(detector(), maskThreshold == null ? Double.NaN : maskThreshold);
                }
                yield builder.build();
            }
            default -> throw new IllegalStateException("no task is named " + names.get(0));
        };
    }

    /**
     * Refuses masks for a restorer that never saw damage in training: its mask channel was always
     * empty, so it would leave the flagged pixels as they are while the report said they were repaired.
     */
    private void requireDamageTraining(Path directory) {
        ModelCard card = card(directory);
        if (card.training() == null || !card.training().learntDamage()) {
            throw new IllegalArgumentException("--mask " + (mask == null ? "" : mask + " ")
                    + (maskDir == null ? "" : "--mask-dir " + maskDir + " ")
                    + "needs a restorer trained on damage, but " + directory + " ('" + card.name()
                    + "') was trained without it (its card records no training.damageShare), so it would not fill "
                    + "the mask; pass --model of a restorer trained with train --damage-share, or use --task inpaint");
        }
    }

    private Refinement refinement() {
        return new Refinement(refineSteps, SamplerKind.parse(sampler), seed);
    }

    /** The masks of {@code --mask} and {@code --mask-dir}; sidecar files without either. */
    private MaskSource maskSource() {
        String value = mask == null ? "sidecar" : mask;
        if ("auto".equalsIgnoreCase(value)) {
            if (maskDir != null) {
                throw new IllegalArgumentException("--mask auto and --mask-dir exclude each other");
            }
            return MaskSource.learned(detector().toString(), maskThreshold == null ? Double.NaN : maskThreshold);
        }
        if ("sidecar".equalsIgnoreCase(value)) {
            return maskDir == null ? MaskSource.sidecar() : maskFolder(maskDir);
        }
        if (maskDir != null) {
            throw new IllegalArgumentException("--mask " + value + " and --mask-dir both name a mask folder; give one");
        }
        if (!value.contains("://") && !Files.isDirectory(Path.of(value))) {
            throw new IllegalArgumentException("--mask must be 'sidecar', 'auto' or a folder of masks, got '" + value
                    + "', which is not a folder");
        }
        return maskFolder(value);
    }

    private static MaskSource maskFolder(String folder) {
        return MaskSource.directory(
                folder.contains("://")
                        ? folder
                        : Path.of(folder).toAbsolutePath().toUri().toString());
    }

    /** The learned detector of {@code --mask auto}, its card checked here so that a missing one is a usage error. */
    private Path detector() {
        // a zoo path absent here stays relative: the workers load the jar's copy (ModelLocation)
        Path directory = Files.isDirectory(detector) ? detector.toAbsolutePath() : detector;
        ModelCard card;
        try {
            card = ModelLocation.readCard(directory, RestoreCommand.class.getClassLoader());
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "--detector " + detector + ": " + e.getMessage() + "; train one with "
                            + "train-detector and pass its folder",
                    e);
        }
        if (!DamageNetwork.PREDICTION.equals(card.prediction())) {
            throw new IllegalArgumentException("--detector " + detector + " is '" + card.name() + "', prediction "
                    + card.prediction() + ", not a damage detector (" + DamageNetwork.PREDICTION + ")");
        }
        return directory;
    }

    static OptionalDouble parseSigma(String value) {
        if ("auto".equalsIgnoreCase(value)) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--sigma must be 'auto' or a number on the 0-255 scale, got '" + value + "'");
        }
    }
}
