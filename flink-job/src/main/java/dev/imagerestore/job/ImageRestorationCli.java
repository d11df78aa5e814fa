package dev.imagerestore.job;

import dev.imagerestore.job.internal.Utf8Relaunch;
import dev.imagerestore.models.cli.CliErrors;
import dev.imagerestore.models.cli.EvalCommand;
import dev.imagerestore.models.cli.TrainCommand;
import dev.imagerestore.models.cli.TrainDepthCommand;
import dev.imagerestore.models.cli.TrainDetectorCommand;
import java.io.IOException;
import java.util.OptionalInt;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the job jar: {@code restore} (the Flink job), {@code train} and {@code eval}
 * (the diffusion models), {@code bench} (throughput of the job against the bare model) and
 * {@code samples} (writes the project's generated sample inputs).
 *
 * <p>The same jar runs with {@code java -jar} on Flink's embedded mini cluster and with
 * {@code flink run} on a cluster; {@link RestoreCommand} picks the execution environment Flink's
 * client hands it. Under a locale that is not UTF-8, {@code java -jar} starts itself again under
 * {@code LC_ALL=C.UTF-8} so that every file name can be read ({@link Utf8Relaunch}).
 */
@Command(
        name = "image-restoration",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        subcommands = {
            RestoreCommand.class,
            TrainCommand.class,
            TrainDepthCommand.class,
            TrainDetectorCommand.class,
            EvalCommand.class,
            BenchCommand.class,
            BenchLargeCommand.class,
            SamplesCommand.class,
            MaskSheetCommand.class
        },
        description = "Restore scanned photographs and documents with a diffusion model on Apache Flink.")
public final class ImageRestorationCli {

    /** Runs the command line, first starting itself again under a UTF-8 locale where file names need it. */
    public static void main(String[] args) throws IOException, InterruptedException {
        OptionalInt relaunched = Utf8Relaunch.ifNeeded(ImageRestorationCli.class.getName(), args);
        System.exit(relaunched.isPresent() ? relaunched.getAsInt() : execute(args));
    }

    /** Runs the command line and returns its exit code (see {@code restore --help}; 0 = success). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The command line with its error handling: usage errors in a line or two and exit code 2, no stack traces. */
    public static CommandLine commandLine() {
        CommandLine cli = CliErrors.configure(new CommandLine(new ImageRestorationCli()));
        RestoreCommand.HELP_SECTIONS.install(cli.getSubcommands().get("restore"));
        return cli;
    }
}
