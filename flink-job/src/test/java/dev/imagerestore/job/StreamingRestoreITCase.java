package dev.imagerestore.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.job.samples.SampleGenerator;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.source.ImageSourceBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restoration job in continuous mode ({@code --watch}) on Flink's mini cluster with
 * checkpoints: files dropped into the watched folder while the job runs, at different times and in
 * nested folders, one of them written slowly in two pieces, are each restored exactly once.
 */
class StreamingRestoreITCase {

    /** The monitoring interval: several scans fall into the slow writer's pause. */
    static final Duration WATCH = Duration.ofMillis(200);

    private static final List<String> EXPECTED =
            List.of("before.png", "day1/a.jpg", "day2/box/b.png", "day2/slow.png", "day3/c.tif", "day3/09:30.png");

    @RegisterExtension
    static final TinyModel MODEL = new TinyModel();

    @Test
    void filesDroppedWhileTheJobRunsAreEachRestoredOnceAndAHalfWrittenOneIsNeverRead(@TempDir Path work)
            throws Exception {
        Path input = work.resolve("in");
        Path output = work.resolve("out");
        SampleGenerator generator = new SampleGenerator(11);
        RestoreFixture.write(generator.noisyScene(40, 24, 0, 20), input.resolve("before.png"), OutputFormat.PNG);
        JobClient job = start(input, output);
        try {
            RestoreFixture.write(generator.noisyScene(36, 28, 1, 20), input.resolve("day1/a.jpg"), OutputFormat.JPEG);
            RestoreFixture.awaitOutputs(output, List.of("before.png", "day1/a.jpg"));

            RestoreFixture.write(
                    generator.noisyScene(30, 30, 2, 15).withBitDepth(16),
                    input.resolve("day2/box/b.png"),
                    OutputFormat.PNG);
            writeSlowly(
                    RestoreFixture.encode(generator.noisyScene(64, 40, 3, 25), OutputFormat.PNG),
                    input.resolve("day2/slow.png"));
            RestoreFixture.write(
                    generator.noisyScene(20, 44, 4, 10).toOneChannel(), input.resolve("day3/c.tif"), OutputFormat.TIFF);
            RestoreFixture.write(
                    generator.noisyScene(16, 16, 0, 10), input.resolve("day3/09:30.png"), OutputFormat.PNG);

            RestoreFixture.awaitOutputs(output, EXPECTED);
        } finally {
            job.cancel().get();
        }

        RestoreFixture.assertRestoredExactlyOnce(input, output, EXPECTED);
    }

    private static JobClient start(Path input, Path output) throws Exception {
        Configuration config = RestoreFixture.smallCpuInference();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        RestoreJob.define(env, RestoreFixture.spec(input, output, MODEL.directory(), Optional.of(WATCH), config));
        return env.executeAsync("restore-streaming-itcase");
    }

    /**
     * Writes the first half of {@code bytes}, pauses for several monitoring scans but less than the
     * source's minimum file age, then writes the rest: the settling rule must hold the file back.
     */
    static void writeSlowly(byte[] bytes, Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        Duration pause = WATCH.multipliedBy(3);
        long paused;
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
            long start = System.nanoTime();
            Thread.sleep(pause.toMillis());
            out.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
            paused = System.nanoTime() - start;
        }
        assertThat(Duration.ofNanos(paused))
                .as("the writer's pause must stay below the min file age for this test "
                        + "to mean anything; the machine stalled the test thread")
                .isLessThan(ImageSourceBuilder.DEFAULT_MIN_FILE_AGE);
    }
}
