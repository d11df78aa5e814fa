package dev.imagerestore.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.job.samples.SampleGenerator;
import dev.imagerestore.operators.OutputFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A continuous run ({@code restore --watch --checkpoint-dir}) is cancelled after it committed some
 * outputs; files are dropped while it is down; a second run resumes from the retained checkpoint
 * ({@code --from-checkpoint}). Both runs are configured by the {@code restore} command's own option
 * mapping and run on Flink's mini cluster.
 */
class RestartFromCheckpointITCase {

    private static final List<String> BEFORE = List.of("first.png", "box/second.jpg");
    private static final List<String> MEANWHILE = List.of("later/third.png", "later/deeper/fourth.tif");

    @RegisterExtension
    static final TinyModel MODEL = new TinyModel();

    @Test
    void aRunResumedFromItsCheckpointRestoresWhatWasDroppedMeanwhileAndNothingTwice(@TempDir Path work)
            throws Exception {
        Path input = work.resolve("in");
        Path output = work.resolve("out");
        Path checkpoints = work.resolve("checkpoints");
        SampleGenerator generator = new SampleGenerator(5);
        RestoreFixture.write(generator.noisyScene(40, 32, 0, 20), input.resolve("first.png"), OutputFormat.PNG);
        RestoreFixture.write(generator.noisyScene(28, 36, 1, 15), input.resolve("box/second.jpg"), OutputFormat.JPEG);

        JobClient first = start(input, output, "--checkpoint-dir", checkpoints.toString());
        try {
            RestoreFixture.awaitOutputs(output, BEFORE);
        } finally {
            first.cancel().get();
        }
        first.getJobExecutionResult().handle((result, cancelled) -> null).get();
        FileTime committed = Files.getLastModifiedTime(output.resolve("first.png"));
        RestoreFixture.write(generator.noisyScene(36, 20, 2, 25), input.resolve("later/third.png"), OutputFormat.PNG);
        RestoreFixture.write(
                generator.noisyScene(24, 24, 3, 10).toOneChannel(),
                input.resolve("later/deeper/fourth.tif"),
                OutputFormat.TIFF);

        Path retained = checkpoints.resolve(first.getJobID().toHexString());
        JobClient second = start(
                input, output, "--checkpoint-dir", checkpoints.toString(), "--from-checkpoint", retained.toString());
        List<String> all = new ArrayList<>(BEFORE);
        all.addAll(MEANWHILE);
        try {
            RestoreFixture.awaitOutputs(output, all);
        } finally {
            second.cancel().get();
        }

        RestoreFixture.assertRestoredExactlyOnce(input, output, all);
        assertThat(Files.getLastModifiedTime(output.resolve("first.png")))
                .as("the first run's output is untouched")
                .isEqualTo(committed);
    }

    /** Starts the job that {@code restore} builds from these options plus the test's input, model and tiling. */
    private static JobClient start(Path input, Path output, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--model",
                MODEL.directory().toString(),
                "--watch",
                StreamingRestoreITCase.WATCH.toString(),
                "--checkpoint-interval",
                "PT0.5S",
                "--device",
                "cpu",
                "--threads",
                "1",
                "--tile-size",
                "32",
                "--overlap",
                "8",
                "--batch",
                "3",
                "--parallelism",
                "2"));
        args.addAll(List.of(options));
        return RestoreFixture.start("restore-restart-itcase", args.toArray(String[]::new));
    }
}
