package dev.imagerestore.models.cli;

import dev.imagerestore.models.depth.DepthNetwork;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.train.DepthTrainer;
import dev.imagerestore.models.train.DepthTrainingData;
import dev.imagerestore.models.train.DepthTrainingSettings;
import dev.imagerestore.models.train.TrainingResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train-depth}: trains the built-in monocular depth estimator on NYUv2 and writes a model directory. */
@Command(name = "train-depth", mixinStandardHelpOptions = true,
        description = "Train the monocular depth estimator (a UNet regressor) on NYUv2 i < 1300 (CPU, resumable).")
public final class TrainDepthCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, description = "NYUv2 folder (nyu_images/, nyu_depths/).")
    Path data;

    @Option(names = "--work", required = true, description = "Checkpoint folder; a run finding a checkpoint there resumes.")
    Path work;

    @Option(names = "--output", required = true, description = "Model directory to write.")
    Path output;

    @Option(names = "--steps", required = true, description = "Total optimiser steps.")
    long steps;

    @Option(names = "--until", defaultValue = "0", description = "Stop (with a checkpoint) after this step; 0 = run to --steps.")
    long until;

    @Option(names = "--size", defaultValue = "128x96", description = "Network input WIDTHxHEIGHT (default ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--batch", defaultValue = "8", description = "Images per step (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--widths", defaultValue = "16,32,64,128", split = ",",
            description = "Channels per resolution level (default ${DEFAULT-VALUE}).")
    List<Integer> widths;

    @Option(names = "--res-blocks", defaultValue = "2", description = "Residual blocks per level (default ${DEFAULT-VALUE}).")
    int resBlocks;

    @Option(names = "--attention", defaultValue = "true", negatable = true,
            description = "Self-attention at the lowest resolution (default ${DEFAULT-VALUE}).")
    boolean attention;

    @Option(names = "--groups", defaultValue = "8", description = "GroupNorm groups (default ${DEFAULT-VALUE}).")
    int groups;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Peak learning rate (default ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--warmup", defaultValue = "200", description = "Warm-up steps (default ${DEFAULT-VALUE}).")
    long warmup;

    @Option(names = "--weight-decay", defaultValue = "1e-4", description = "AdamW's decoupled weight decay on kernels "
            + "(not biases or norms): each step shrinks them by learning rate x this (default ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--ema", defaultValue = "0.998", description = "EMA decay of the saved weights (default ${DEFAULT-VALUE}).")
    double ema;

    @Option(names = "--lambda", defaultValue = "0.5",
            description = "Scale invariance of the log loss, Eigen et al. 2014 (default ${DEFAULT-VALUE}).")
    double lambda;

    @Option(names = "--zoom", defaultValue = "1",
            description = "Largest zoom of the scale augmentation (Eigen et al. 2014: a random 1/s window resampled "
                    + "to the input size, depths divided by s, s uniform in [1, zoom]); 1 = none (default ${DEFAULT-VALUE}). "
                    + "Above 1 the card names test-time views at zoom (1 + zoom) / 2, which the estimator then also "
                    + "estimates from.")
    double zoom;

    @Option(names = "--rotate", defaultValue = "0",
            description = "Largest roll of the rotation augmentation in degrees (Eigen et al. 2014 used 5: the "
                    + "window is turned by an angle uniform in [-r, r] and zoomed in just enough to stay inside "
                    + "the image); 0 = none (default ${DEFAULT-VALUE}).")
    double rotate;

    @Option(names = "--limit", defaultValue = "0", description = "Use only the first N training pairs (0 = all).")
    int limit;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of every random draw (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--checkpoint-every", defaultValue = "250", description = "Steps between checkpoints (default ${DEFAULT-VALUE}).")
    long checkpointEvery;

    @Option(names = "--name", defaultValue = "depth-small", description = "Model name for the card (default ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--init", paramLabel = "MODEL_DIR",
            description = "Start from the weights of this depth model directory (same architecture) with a fresh "
                    + "optimiser and schedule: a second training phase. Its card's training record is kept in the new card.")
    Path init;

    @Option(names = "--threads", defaultValue = "0", description = "PyTorch intra-op threads, 0 = all cores (default ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        TorchThreads.configure(threads);
        int[] wh = parseSize(size);
        DepthTrainingSettings settings = new DepthTrainingSettings(data,
                DepthNetwork.architecture(widths, resBlocks, attention, groups), wh[1], wh[0], batch, steps,
                learningRate, warmup, weightDecay, ema, lambda, zoom, rotate, seed, checkpointEvery, work, output, name,
                TrainCommand.recordedCommand(spec), init);
        DepthTrainingData images = DepthTrainingData.load(data, wh[1], wh[0], limit);
        System.out.println("training on " + images.size() + " NYUv2 pairs at " + size);
        TrainingResult result;
        try (GracefulStop stop = GracefulStop.install(System.out::println)) {
            result = new DepthTrainer(settings, images, System.out::println).run(until > 0 ? until : steps, stop);
        }
        System.out.println("wrote " + output + " after " + result.steps() + " steps");
        return 0;
    }

    static int[] parseSize(String value) {
        String[] parts = value.toLowerCase(java.util.Locale.ROOT).split("x");
        if (parts.length != 2) {
            throw new IllegalArgumentException("--size must be WIDTHxHEIGHT, e.g. 128x96, got " + value);
        }
        return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
    }
}
