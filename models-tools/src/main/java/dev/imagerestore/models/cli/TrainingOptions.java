package dev.imagerestore.models.cli;

import dev.imagerestore.models.train.TrainingSettings;
import dev.imagerestore.models.unet.UNetConfig;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options every trainer shares ({@code train}, {@code train-detector}, {@code train-depth}): the
 * work and output folders, the run's length and seed, the UNet's shape and the optimiser. Each command
 * adds its data and task options and its model name; a command whose defaults differ (train-depth's
 * larger learning rate, shorter warm-up, attention on) gives them with its
 * {@link picocli.CommandLine.Command#defaultValueProvider() default provider}, which picocli prefers
 * to the defaults written here, in parsing and in {@code --help} alike.
 */
final class TrainingOptions {

    @Option(
            names = "--work",
            required = true,
            description = "Checkpoint folder; a run finding a checkpoint there resumes.")
    Path work;

    @Option(names = "--output", required = true, description = "Model directory to write (model-card.json + weights).")
    Path output;

    @Option(names = "--steps", required = true, description = "Total optimiser steps.")
    long steps;

    @Option(
            names = "--until",
            defaultValue = "0",
            description = "Stop (with a checkpoint) after this step and resume later; 0 = run to --steps.")
    long until;

    @Option(
            names = "--batch",
            defaultValue = "16",
            description = "Crops (train-depth: images) per step (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--widths",
            defaultValue = "16,32,64,128",
            split = ",",
            description = "Channels per resolution level, each at least 16 (default ${DEFAULT-VALUE}).")
    List<Integer> widths;

    @Option(
            names = "--res-blocks",
            defaultValue = "2",
            description = "Residual blocks per level (default ${DEFAULT-VALUE}).")
    int resBlocks;

    @Option(
            names = "--attention",
            description = "Self-attention at the lowest resolution (train-depth: on, --no-attention for off).")
    boolean attention;

    @Option(names = "--groups", defaultValue = "8", description = "GroupNorm groups (default ${DEFAULT-VALUE}).")
    int groups;

    @Option(names = "--lr", defaultValue = "5e-4", description = "Peak learning rate (default ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--warmup", defaultValue = "500", description = "Warm-up steps (default ${DEFAULT-VALUE}).")
    long warmup;

    @Option(
            names = "--weight-decay",
            defaultValue = "1e-4",
            description =
                    "AdamW's decoupled weight decay on kernels "
                            + "(not biases or norms): each step shrinks them by learning rate x this (default ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(
            names = "--ema",
            defaultValue = "0.999",
            description = "EMA decay of the saved weights (default ${DEFAULT-VALUE}).")
    double ema;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of every random draw (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--checkpoint-every",
            defaultValue = "500",
            description = "Steps between checkpoints (default ${DEFAULT-VALUE}).")
    long checkpointEvery;

    @Option(
            names = "--init",
            paramLabel = "MODEL_DIR",
            description = "Start from the weights of this model directory (same architecture) with a fresh optimiser "
                    + "and schedule: a second training phase. Its card's training record is kept in the new card.")
    Path init;

    @Option(
            names = "--threads",
            defaultValue = "0",
            description = "PyTorch intra-op threads, 0 = all cores (default ${DEFAULT-VALUE}).")
    int threads;

    /** The last step this invocation trains to: {@code --until} if given, else {@code --steps}. */
    long lastStep() {
        return until > 0 ? until : steps;
    }

    /** A settings builder holding these options, for a UNet of {@code architecture}, recording {@code command}. */
    TrainingSettings.Builder settings(ImageFolders folders, UNetConfig architecture, String name, String command) {
        TrainingSettings.Builder builder = TrainingSettings.builder()
                .setSources(folders.sources())
                .setSteps(steps)
                .setWorkDirectory(work)
                .setOutputDirectory(output)
                .optArchitecture(architecture)
                .optCrop(folders.crop)
                .optBatch(batch)
                .optLearningRate(learningRate)
                .optWarmupSteps(warmup)
                .optWeightDecay(weightDecay)
                .optEmaDecay(ema)
                .optSeed(seed)
                .optCheckpointEvery(checkpointEvery)
                .optName(name)
                .optCommand(command);
        if (init != null) {
            builder.optInitialWeights(init);
        }
        return builder;
    }
}
