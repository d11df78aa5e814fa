package dev.imagerestore.models.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Command-line entry of the models library alone ({@code train}, {@code train-depth},
 * {@code train-detector}, {@code eval}); the Flink job's jar
 * offers the same sub-commands beside {@code restore}.
 */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        subcommands = {TrainCommand.class, TrainDepthCommand.class, TrainDetectorCommand.class, EvalCommand.class},
        description = "Train and evaluate the project's diffusion models without Flink.")
public final class ModelsCli {

    public static void main(String[] args) {
        System.exit(CliErrors.configure(new CommandLine(new ModelsCli())).execute(args));
    }
}
