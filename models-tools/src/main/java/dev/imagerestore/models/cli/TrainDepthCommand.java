package dev.imagerestore.models.cli;

import dev.imagerestore.models.depth.DepthNetwork;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.train.DepthTrainer;
import dev.imagerestore.models.train.DepthTrainingData;
import dev.imagerestore.models.train.DepthTrainingSettings;
import dev.imagerestore.models.train.TrainingResult;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train-depth}: trains the built-in monocular depth estimator on NYUv2 and writes a model directory. */
@Command(
        name = "train-depth",
        mixinStandardHelpOptions = true,
        defaultValueProvider = TrainDepthCommand.Defaults.class,
        description = "Train the monocular depth estimator (a UNet regressor) on NYUv2 i < 1300 (CPU, resumable).")
public final class TrainDepthCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TrainingOptions training;

    @Option(names = "--data", required = true, description = "NYUv2 folder (nyu_images/, nyu_depths/).")
    Path data;

    @Option(names = "--no-attention", description = "No self-attention at the lowest resolution (default: attention).")
    boolean noAttention;

    @Option(
            names = "--size",
            defaultValue = "128x96",
            description = "Network input WIDTHxHEIGHT (default ${DEFAULT-VALUE}).")
    String size;

    @Option(
            names = "--lambda",
            defaultValue = "0.5",
            description = "Scale invariance of the log loss, Eigen et al. 2014 (default ${DEFAULT-VALUE}).")
    double lambda;

    @Option(
            names = "--zoom",
            defaultValue = "1",
            description = "Largest zoom of the scale augmentation (Eigen et al. 2014: a random 1/s window resampled "
                    + "to the input size, depths divided by s, s uniform in [1, zoom]); 1 = none (default ${DEFAULT-VALUE}). "
                    + "Above 1 the card names test-time views at zoom (1 + zoom) / 2, which the estimator then also "
                    + "estimates from.")
    double zoom;

    @Option(
            names = "--rotate",
            defaultValue = "0",
            description = "Largest roll of the rotation augmentation in degrees (Eigen et al. 2014 used 5: the "
                    + "window is turned by an angle uniform in [-r, r] and zoomed in just enough to stay inside "
                    + "the image); 0 = none (default ${DEFAULT-VALUE}).")
    double rotate;

    @Option(names = "--limit", defaultValue = "0", description = "Use only the first N training pairs (0 = all).")
    int limit;

    @Option(
            names = "--name",
            defaultValue = "depth-small",
            description = "Model name for the card (default ${DEFAULT-VALUE}).")
    String name;

    @Override
    public Integer call() throws Exception {
        TorchThreads.configure(training.threads);
        int[] wh = parseSize(size);
        DepthTrainingSettings settings = new DepthTrainingSettings(
                data,
                DepthNetwork.architecture(training.widths, training.resBlocks, !noAttention, training.groups),
                wh[1],
                wh[0],
                training.batch,
                training.steps,
                training.learningRate,
                training.warmup,
                training.weightDecay,
                training.ema,
                lambda,
                zoom,
                rotate,
                training.seed,
                training.checkpointEvery,
                training.work,
                training.output,
                name,
                TrainCommand.recordedCommand(spec),
                training.init);
        DepthTrainingData images = DepthTrainingData.load(data, wh[1], wh[0], limit);
        System.out.println("training on " + images.size() + " NYUv2 pairs at " + size);
        TrainingResult result;
        try (GracefulStop stop = GracefulStop.install(System.out::println)) {
            result = new DepthTrainer(settings, images, System.out::println).run(training.lastStep(), stop);
        }
        System.out.println("wrote " + training.output + " after " + result.steps() + " steps");
        return 0;
    }

    /** Where train-depth's defaults differ from the other trainers' ({@link TrainingOptions}). */
    public static final class Defaults implements IDefaultValueProvider {
        private static final Map<String, String> VALUES = Map.of(
                "--batch", "8",
                "--lr", "1e-3",
                "--warmup", "200",
                "--ema", "0.998",
                "--checkpoint-every", "250");

        @Override
        public String defaultValue(ArgSpec argument) {
            return argument instanceof OptionSpec option ? VALUES.get(option.longestName()) : null;
        }
    }

    static int[] parseSize(String value) {
        String[] parts = value.toLowerCase(java.util.Locale.ROOT).split("x");
        if (parts.length != 2) {
            throw new IllegalArgumentException("--size must be WIDTHxHEIGHT, e.g. 128x96, got " + value);
        }
        return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
    }
}
