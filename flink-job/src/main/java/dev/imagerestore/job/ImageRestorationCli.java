package dev.imagerestore.job;

import dev.imagerestore.models.cli.EvalCommand;
import dev.imagerestore.models.cli.TrainCommand;
import dev.imagerestore.models.cli.TrainDepthCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the job jar: {@code restore} (the Flink job), {@code train} and {@code eval}
 * (the diffusion models), {@code bench} (throughput of the job against the bare model) and
 * {@code samples} (writes the project's generated sample inputs).
 *
 * <p>The same jar runs with {@code java -jar} on Flink's embedded mini cluster and with
 * {@code flink run} on a cluster; {@link RestoreCommand} picks the execution environment Flink's
 * client hands it.
 */
@Command(name = "image-restoration", mixinStandardHelpOptions = true, versionProvider = Version.class,
        subcommands = {RestoreCommand.class, TrainCommand.class, TrainDepthCommand.class, EvalCommand.class,
                BenchCommand.class, SamplesCommand.class},
        description = "Restore scanned photographs and documents with a diffusion model on Apache Flink.")
public final class ImageRestorationCli {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (0 = success). */
    public static int execute(String... args) {
        return new CommandLine(new ImageRestorationCli()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }
}
