package dev.imagerestore.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.imagerestore.job.samples.SampleGenerator;
import dev.imagerestore.job.task.DenoiseTask;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.ReportLine;
import dev.imagerestore.operators.inference.InferenceSettings;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watched folder whose files change after they were read: a file read while its writer paused
 * for longer than the settling age (so it failed, half written) is read again once complete, and a
 * file replaced after it was restored is restored again into the same output ({@code --overwrite}).
 */
class StreamingRevisionITCase {

    @RegisterExtension
    static final TinyModel MODEL = new TinyModel();

    @Test
    void aFileReadHalfIsRetriedWhenCompleteAndAReplacedFileIsRestoredAgain(@TempDir Path work) throws Exception {
        Path input = work.resolve("in");
        Path output = work.resolve("out");
        SampleGenerator generator = new SampleGenerator(13);
        RestoreFixture.write(generator.noisyScene(40, 24, 0, 20), input.resolve("replaced.png"), OutputFormat.PNG);
        byte[] whole = RestoreFixture.encode(generator.noisyScene(48, 32, 1, 20), OutputFormat.PNG);
        Path half = input.resolve("half.png");
        Files.write(half, Arrays.copyOf(whole, whole.length / 2));
        Files.setLastModifiedTime(half, FileTime.fromMillis(System.currentTimeMillis() - 60_000));

        JobClient job = start(input, output);
        try {
            RestoreFixture.awaitOutputs(output, List.of("replaced.png"));
            awaitLine(output, l -> l.isFailure() && l.toJson().contains("\"input\":\"half.png\""));

            Files.write(half, whole);
            Path next = input.resolve(".replaced.png.part");
            RestoreFixture.write(generator.noisyScene(64, 16, 2, 20), next, OutputFormat.PNG);
            Files.move(next, input.resolve("replaced.png"), StandardCopyOption.ATOMIC_MOVE);

            RestoreFixture.awaitOutputs(output, List.of("replaced.png", "half.png"));
            awaitWidth(output.resolve("replaced.png"), 64);
        } finally {
            job.cancel().get();
        }

        RestoreFixture.assertSameGeometry(input.resolve("half.png"), output.resolve("half.png"));
        RestoreFixture.assertSameGeometry(input.resolve("replaced.png"), output.resolve("replaced.png"));
        assertThat(RestoreFixture.restoredInputs(RestoreFixture.report(output)))
                .as("an ok line for each version restored")
                .contains("half.png")
                .containsSubsequence("replaced.png", "replaced.png");
        assertThat(RestoreFixture.hiddenFiles(output)).isEmpty();
    }

    private static void awaitLine(Path output, Predicate<ReportLine> wanted) throws Exception {
        long deadline = System.nanoTime() + RestoreFixture.AWAIT_DEADLINE.toNanos();
        while (RestoreFixture.report(output).stream().noneMatch(wanted)) {
            if (System.nanoTime() - deadline > 0) {
                fail("no such report line after %s: %s", RestoreFixture.AWAIT_DEADLINE, RestoreFixture.report(output));
            }
            Thread.sleep(100);
        }
    }

    private static void awaitWidth(Path file, int width) throws Exception {
        long deadline = System.nanoTime() + RestoreFixture.AWAIT_DEADLINE.toNanos();
        while (true) {
            BufferedImage image = Files.exists(file) ? ImageIO.read(file.toFile()) : null;
            if (image != null && image.getWidth() == width) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                fail("%s is not %d wide after %s", file, width, RestoreFixture.AWAIT_DEADLINE);
            }
            Thread.sleep(100);
        }
    }

    private static JobClient start(Path input, Path output) throws Exception {
        Configuration config = RestoreFixture.smallCpuInference();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        InferenceSettings inference = InferenceSettings.from(config);
        DenoiseTask task = DenoiseTask.builder(MODEL.directory(), inference, TinyModel.CONFIG.sizeMultiple())
                .build();
        RestoreJobSpec spec = new RestoreJobSpec(
                input,
                output,
                task,
                Optional.of(StreamingRestoreITCase.WATCH),
                Duration.ofMillis(500),
                List.of(),
                List.of(),
                1_000_000,
                Optional.empty(),
                true,
                inference,
                2);
        RestoreJob.define(env, spec);
        return env.executeAsync("restore-revision-itcase");
    }
}
