package dev.imagerestore.models.cli;

import dev.imagerestore.models.damage.DamageGenerator;
import dev.imagerestore.models.damage.DamageKind;
import dev.imagerestore.models.degrade.Degradations;
import dev.imagerestore.models.depth.DepthEstimator;
import dev.imagerestore.models.depth.DepthEstimators;
import dev.imagerestore.models.restore.RestorationNetwork;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.schedule.NoiseSchedule;
import dev.imagerestore.models.train.CropSource;
import dev.imagerestore.models.train.DepthConditionedImages;
import dev.imagerestore.models.train.DiffusionTrainer;
import dev.imagerestore.models.train.HoleMasks;
import dev.imagerestore.models.train.RestorationLoss;
import dev.imagerestore.models.train.RestorationTrainer;
import dev.imagerestore.models.train.TrainingImages;
import dev.imagerestore.models.train.TrainingResult;
import dev.imagerestore.models.train.TrainingSettings;
import dev.imagerestore.models.unet.UNetConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train}: trains a noise-predicting UNet on image folders and writes a model directory. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Train a diffusion UNet on folders of images (CPU, resumable) and write a model directory.")
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TrainingOptions training;

    @Mixin
    ImageFolders folders;

    @Option(
            names = "--conditions",
            split = ",",
            paramLabel = "NAME",
            description = "Conditioning planes: 'depth' trains a depth-conditioned model (depth from NYUv2 "
                    + "folders or name.depth.png sidecars, dropped where absent).")
    List<String> conditions;

    @Option(
            names = "--degradation",
            paramLabel = "SPEC",
            description = "Train a blind restoration model instead: clean crops are degraded on the fly by this "
                    + "pipeline (realistic, realistic-camera, jpeg-grain, camera-noise, camera-jpeg, awgn:SIGMA, or a mixture A+B@SHARE) and the UNet, conditioned on the degraded crop and "
                    + "a damage mask, learns the clean one. --init may name a denoiser of the same widths.")
    String degradation;

    @Option(
            names = "--damage-share",
            defaultValue = "0",
            description = "With --degradation: share of crops that first get rendered damage (cracks, scratches, "
                    + "dust, tears; no stains) with its mask in the mask channel, so the restorer also repairs "
                    + "flagged damage (default ${DEFAULT-VALUE}).")
    double damageShare;

    @Option(
            names = "--hole-share",
            defaultValue = "0",
            description = "With --degradation: share of the undamaged crops that get a drawn hole (rectangles, "
                    + "strokes, damage masks) filled by the harmonic guess, with its mask in the mask channel, so "
                    + "the network learns to fill masks users give (default ${DEFAULT-VALUE}).")
    double holeShare;

    @Option(
            names = "--restoration-loss",
            defaultValue = "relative",
            paramLabel = "KIND",
            description = "With --degradation: the restorer's loss: relative (each crop's error relative to its "
                    + "degradation's, default), charbonnier (smooth L1), log (mean PSNR) or mse (one MSE over "
                    + "the batch).")
    String restorationLoss;

    @Option(
            names = "--refinement-share",
            defaultValue = "0.5",
            paramLabel = "F",
            description = "With --degradation: the share of crops trained at uniform timesteps for DDIM refinement; "
                    + "the rest train the one-step restoration the job runs (default ${DEFAULT-VALUE}).")
    double refinementShare;

    @Option(names = "--schedule", defaultValue = "linear", description = "linear or cosine (default ${DEFAULT-VALUE}).")
    String schedule;

    @Option(
            names = "--restoration-share",
            defaultValue = "0.5",
            description =
                    "Share of timesteps drawn from pixel noise levels 0.5..--max-sigma (default ${DEFAULT-VALUE}).")
    double restorationShare;

    @Option(
            names = "--max-sigma",
            defaultValue = "80",
            description = "Upper pixel noise level of that share (default ${DEFAULT-VALUE}).")
    double maxSigma;

    @Option(
            names = "--condition-dropout",
            defaultValue = "0.1",
            description =
                    "Label dropout for classifier-free guidance, labelled folders only (default ${DEFAULT-VALUE}).")
    double conditionDropout;

    @Option(
            names = "--name",
            defaultValue = "denoise-small",
            description = "Model name for the card (default ${DEFAULT-VALUE}).")
    String name;

    @Option(
            names = "--estimate-depth",
            paramLabel = "MODEL_DIR",
            description = "With --conditions depth: images without a depth file get this estimator's depth maps "
                    + "(e.g. models/zoo/depth-small) instead of none, as Stable Diffusion 2's depth model was trained "
                    + "on estimated maps.")
    Path estimateDepth;

    @Override
    public Integer call() throws Exception {
        TorchThreads.configure(training.threads);
        List<TrainingImages.Source> sources = folders.sources();
        long labels = sources.stream()
                .map(TrainingImages.Source::label)
                .filter(l -> l != null)
                .distinct()
                .count();
        boolean depth = conditions != null && conditions.contains("depth");
        if (conditions != null && !List.of("depth").containsAll(conditions)) {
            throw new IllegalArgumentException("--conditions supports only 'depth', got " + conditions);
        }
        if (holeShare != 0 && degradation == null) {
            throw new IllegalArgumentException(
                    "--hole-share " + holeShare + " needs --degradation (none for a fill network alone)");
        }
        if (damageShare != 0 && degradation == null) {
            throw new IllegalArgumentException("--damage-share " + damageShare + " needs --degradation");
        }
        if (degradation != null && (depth || labels > 0)) {
            throw new IllegalArgumentException(
                    "--degradation trains a restorer on plain folders; it cannot be combined "
                            + "with --conditions or labelled --data");
        }
        int conditionChannels = depth ? DepthConditionedImages.CONDITIONS.size() : 0;
        UNetConfig architecture = degradation != null
                ? RestorationNetwork.architecture(
                        training.widths, training.resBlocks, training.attention, training.groups)
                : new UNetConfig(
                        3,
                        conditionChannels,
                        training.widths,
                        training.resBlocks,
                        training.attention,
                        training.groups,
                        (int) labels);
        NoiseSchedule noiseSchedule = switch (schedule) {
            case "linear" -> NoiseSchedule.ddpmLinear();
            case "cosine" -> NoiseSchedule.cosine(1000, 0.008);
            default -> throw new IllegalArgumentException("--schedule must be linear or cosine, got " + schedule);
        };
        TrainingSettings settings = training.settings(folders, architecture, name, commandLine())
                .optSchedule(noiseSchedule)
                .optRestorationShare(restorationShare)
                .optMaxPixelSigma(maxSigma)
                .optConditionDropout(labels > 0 ? conditionDropout : 0)
                .build();
        if (estimateDepth != null && !depth) {
            throw new IllegalArgumentException("--estimate-depth " + estimateDepth + " needs --conditions depth");
        }
        CropSource images;
        if (depth) {
            try (DepthEstimator estimator = estimateDepth == null ? null : DepthEstimators.load(estimateDepth)) {
                images = DepthConditionedImages.load(sources, folders.crop, estimator);
            }
        } else {
            images = TrainingImages.load(sources, folders.crop);
        }
        System.out.println("training on " + images.imageCount() + " images from " + sources.size() + " folders");
        TrainingResult result;
        try (GracefulStop stop = GracefulStop.install(System.out::println)) {
            long last = training.lastStep();
            result = degradation != null
                    ? RestorationTrainer.builder(settings, images, Degradations.parse(degradation, training.seed))
                            .optDamage(damageShare > 0 ? restorerDamage(training.seed) : null, damageShare)
                            .optHoles(
                                    holeShare > 0 ? new HoleMasks(restorerDamage(training.seed + 1)) : null, holeShare)
                            .optLoss(RestorationLoss.parse(restorationLoss))
                            .optRefinementShare(refinementShare)
                            .optProgress(System.out::println)
                            .build()
                            .run(last, stop)
                    : new DiffusionTrainer(settings, images, System.out::println).run(last, stop);
        }
        System.out.println("wrote " + training.output + " after " + result.steps() + " steps");
        return 0;
    }

    /** The damage a restorer learns to repair: every kind that masks content, none that only tints. */
    static DamageGenerator restorerDamage(long seed) {
        DamageKind[] kinds = java.util.Arrays.stream(DamageKind.values())
                .filter(DamageKind::masksContent)
                .toArray(DamageKind[]::new);
        return DamageGenerator.builder()
                .setSeed(seed + RESTORER_DAMAGE_STREAM)
                .optKinds(kinds)
                .optStainCoverage(0, 0)
                .build();
    }

    private static final long RESTORER_DAMAGE_STREAM = 0x5DEECE66DL;

    private String commandLine() {
        return recordedCommand(spec);
    }

    /** The command line as a card records it: the launcher and the arguments, without {@code --until N}. */
    static String recordedCommand(CommandSpec spec) {
        String launcher =
                System.getProperty("imagerestore.launcher", "java -jar flink-job/target/image-restoration.jar");
        List<String> args =
                new java.util.ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        int index = args.indexOf("--until");
        if (index >= 0 && index + 1 < args.size()) {
            args.subList(index, index + 2).clear();
        }
        return launcher + " " + String.join(" ", args);
    }
}
