package dev.imagerestore.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.imagerestore.job.samples.SampleGenerator;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.operators.OutputFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A continuous run that takes every image as a stream of tiles ({@code --watch} with
 * {@code --tile-above 1}) loses a TaskManager while images are being stitched, and Flink restarts it
 * from its last checkpoint on the TaskManager left: every image, those dropped before the loss and
 * after it, is restored exactly once, with exactly the pixels a bounded whole-image run gives, and
 * no spool or temporary file remains.
 *
 * <p>The TaskManager goes the moment a spool or a written output appears, that is while an image is
 * stitched or waits for its checkpoint. Whether the checkpoint restored holds that image part way
 * depends on timing (a checkpoint passes the split stage only between images); {@code
 * StitchingCheckpointTest} resumes one part way deterministically.
 */
class TiledWatchITCase {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(2)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @TempDir
    static Path models;

    @BeforeAll
    static void tinyModels() throws IOException {
        TinyRestorationModels.write(models);
    }

    @Test
    void aTaskManagerLostMidImageLosesNoTileAndDuplicatesNoImage(
            @TempDir Path work, @InjectMiniCluster MiniCluster cluster) throws Exception {
        Path input = work.resolve("in");
        Path output = work.resolve("out");
        SampleGenerator generator = new SampleGenerator(13);
        List<String> names = new ArrayList<>();
        JobClient job = RestoreFixture.start(
                "restore-tiled-watch-itcase",
                options(
                        input,
                        output,
                        "--watch",
                        StreamingRestoreITCase.WATCH.toString(),
                        "--checkpoint-interval",
                        "PT1S",
                        "--tile-above",
                        "1",
                        "--parallelism",
                        "2"));
        try {
            for (int i = 0; i < 3; i++) {
                String name = "before/scan-" + i + ".png";
                RestoreFixture.write(generator.noisyScene(150, 120, i, 10), input.resolve(name), OutputFormat.PNG);
                names.add(name);
            }
            awaitHiddenFile(output);
            cluster.terminateTaskManager(0).get();
            RestoreFixture.write(
                    generator.noisyScene(97, 130, 3, 10).toOneChannel().withBitDepth(16),
                    input.resolve("after/gray.tif"),
                    OutputFormat.TIFF);
            names.add("after/gray.tif");
            RestoreFixture.write(generator.noisyScene(120, 90, 4, 10), input.resolve("after/c.jpg"), OutputFormat.JPEG);
            names.add("after/c.jpg");
            RestoreFixture.awaitOutputs(output, names);
            awaitNoHiddenFiles(output);
        } finally {
            job.cancel().get();
        }
        RestoreFixture.assertRestoredExactlyOnce(input, output, names);
        assertThat(RestoreFixture.report(output))
                .as("every image went as tiles")
                .allSatisfy(line -> assertThat(line.toJson()).contains("\"task\":\"restore tiles="));

        Path whole = work.resolve("whole");
        CliRun bounded = CliRun.of(RestoreFixture.tinyRun(
                TinyRestorationModels.restorer(models),
                input,
                whole,
                "--batch",
                "2",
                "--parallelism",
                "1",
                "--progress",
                "none"));
        assertThat(bounded.code()).as(bounded.out() + bounded.err()).isZero();
        for (String name : names) {
            FloatImage expected = ImageFiles.read(whole.resolve(name));
            FloatImage actual = ImageFiles.read(output.resolve(name));
            assertThat(actual.bitDepth()).as(name).isEqualTo(expected.bitDepth());
            assertThat(actual.toArray()).as(name).containsExactly(expected.toArray());
        }
    }

    /** The options of {@code restore} (without the command's name) for the tiny restorer. */
    private static String[] options(Path input, Path output, String... more) {
        List<String> args = new ArrayList<>(Arrays.asList(
                RestoreFixture.tinyRun(TinyRestorationModels.restorer(models), input, output, "--batch", "2")));
        args.remove(0);
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** Polls until a spool or a written output waits for its checkpoint. */
    private static void awaitHiddenFile(Path output) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + RestoreFixture.AWAIT_DEADLINE.toNanos();
        while (stitchingFiles(output).isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                fail("no spool or temporary file appeared in %s within %s", output, RestoreFixture.AWAIT_DEADLINE);
            }
            Thread.sleep(5);
        }
    }

    /** The hidden files outside the report's folder: spools, and outputs waiting for their checkpoint. */
    private static List<String> stitchingFiles(Path output) throws IOException {
        if (!Files.isDirectory(output)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(output)) {
            return files.filter(p -> !output.relativize(p).startsWith("_report"))
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("."))
                    .toList();
        }
    }

    /** Polls until every spool and temporary file is gone: deleted or renamed once checkpoints completed. */
    private static void awaitNoHiddenFiles(Path output) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + RestoreFixture.AWAIT_DEADLINE.toNanos();
        while (!RestoreFixture.hiddenFiles(output).isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                fail("left in %s: %s", output, RestoreFixture.hiddenFiles(output));
            }
            Thread.sleep(100);
        }
    }
}
