package dev.imagerestore.job;

import static dev.imagerestore.job.RestoreFixture.assertSameGeometry;
import static dev.imagerestore.job.RestoreFixture.report;
import static dev.imagerestore.job.RestoreFixture.visibleFiles;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.job.internal.RunCounts;
import dev.imagerestore.job.samples.SampleGenerator;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.ReportLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole restoration job on Flink's mini cluster over real files: mixed formats and bit depths in
 * nested folders, one corrupt file, a small randomly initialised model (the pipeline is under test,
 * not the model's quality).
 */
class RestoreJobITCase {

    @RegisterExtension
    static final TinyModel MODEL = new TinyModel();

    private static void writeInputs(Path input) throws IOException {
        SampleGenerator generator = new SampleGenerator(3);
        RestoreFixture.write(generator.noisyScene(80, 48, 0, 20), input.resolve("a.png"), OutputFormat.PNG);
        RestoreFixture.write(generator.noisyScene(40, 72, 1, 20), input.resolve("box/b.jpg"), OutputFormat.JPEG);
        FloatImage deep = generator.noisyScene(50, 30, 2, 10).withBitDepth(16);
        RestoreFixture.write(deep, input.resolve("box/sub/c.png"), OutputFormat.PNG);
        RestoreFixture.write(
                generator.noisyScene(33, 21, 3, 15).toOneChannel(), input.resolve("box/d.tif"), OutputFormat.TIFF);
        Files.write(input.resolve("box/broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
    }

    private static RunCounts run(Path input, Path output) throws Exception {
        Configuration config = RestoreFixture.smallCpuInference();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        RestoreJob.define(env, RestoreFixture.spec(input, output, MODEL.directory(), Optional.empty(), config));
        return RunCounts.of(env.execute("restore-itcase").getAllAccumulatorResults());
    }

    @Test
    void batchRunRestoresEveryGoodFileAndReportsTheCorruptOne(@TempDir Path work) throws Exception {
        Path input = work.resolve("in");
        Path output = work.resolve("out");
        writeInputs(input);

        RunCounts counts = run(input, output);

        assertThat(visibleFiles(output)).containsExactly("a.png", "box/b.jpg", "box/d.tif", "box/sub/c.png");
        assertThat(counts.processed()).as("report lines counted").isEqualTo(5);
        assertThat(counts.admitted())
                .as("every decoded image and letter got its line")
                .isEqualTo(5);
        assertThat(counts.inProgress()).isZero();
        assertSameGeometry(input.resolve("a.png"), output.resolve("a.png"));
        assertSameGeometry(input.resolve("box/b.jpg"), output.resolve("box/b.jpg"));
        assertSameGeometry(input.resolve("box/d.tif"), output.resolve("box/d.tif"));
        assertSameGeometry(input.resolve("box/sub/c.png"), output.resolve("box/sub/c.png"));
        List<ReportLine> report = report(output);
        assertThat(report).hasSize(5);
        assertThat(report.stream().filter(ReportLine::isFailure).toList())
                .singleElement()
                .satisfies(
                        l -> assertThat(l.toJson()).contains("\"input\":\"box/broken.png\"", "\"stage\":\"decode\""));
        assertThat(RestoreFixture.hiddenFiles(output))
                .as("no temporary files are left behind")
                .isEmpty();
    }

    @Test
    void aSecondRunKeepsExistingOutputsAndSaysSo(@TempDir Path work) throws Exception {
        Path input = work.resolve("in");
        Path output = work.resolve("out");
        writeInputs(input);
        run(input, output);
        byte[] first = Files.readAllBytes(output.resolve("a.png"));
        long modified = Files.getLastModifiedTime(output.resolve("a.png")).toMillis();

        run(input, output);

        assertThat(Files.readAllBytes(output.resolve("a.png"))).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(output.resolve("a.png")).toMillis())
                .isEqualTo(modified);
        assertThat(visibleFiles(output)).containsExactly("a.png", "box/b.jpg", "box/d.tif", "box/sub/c.png");
    }

    @Test
    void aBatchRunShowsEachOutputOnceWrittenSoACancelledRunKeepsWhatItFinished(@TempDir Path work) throws Exception {
        Path input = work.resolve("in");
        Path output = work.resolve("out");
        SampleGenerator generator = new SampleGenerator(5);
        for (int i = 0; i < 16; i++) {
            RestoreFixture.write(
                    generator.noisyScene(64, 48, i % 4, 20), input.resolve("p" + i + ".png"), OutputFormat.PNG);
        }
        Configuration config = RestoreFixture.smallCpuInference();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        RestoreJob.define(env, RestoreFixture.spec(input, output, MODEL.directory(), Optional.empty(), config));
        JobClient job = env.executeAsync("restore-cancel-itcase");

        long deadline = System.nanoTime() + RestoreFixture.AWAIT_DEADLINE.toNanos();
        while (RestoreFixture.visibleFilesWhileWriting(output).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        JobStatus whenFirstVisible = job.getJobStatus().get();
        job.cancel().get();

        assertThat(whenFirstVisible)
                .as("an output is visible while the job still runs")
                .isEqualTo(JobStatus.RUNNING);
        // the cancelled tasks may still be deleting their temporary files: look until a walk sees none vanish;
        // a temporary file a cancelled write left (hidden; the next run's writer deletes it) is no output
        List<String> kept = outputs(output);
        while (kept.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            kept = outputs(output);
        }
        assertThat(kept).isNotEmpty();
        for (String file : kept) {
            assertSameGeometry(input.resolve(file), output.resolve(file));
        }
    }

    private static List<String> outputs(Path output) throws IOException {
        return RestoreFixture.visibleFilesWhileWriting(output).stream()
                .filter(file -> !Path.of(file).getFileName().toString().startsWith("."))
                .toList();
    }
}
