package dev.imagerestore.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.imagerestore.job.samples.SampleGenerator;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.commit.TempFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A continuous run loses a TaskManager while its sink writers hold uncommitted temporary files, and
 * Flink restarts the job from its last checkpoint on the TaskManager that is left: every image is
 * restored exactly once (images written after the checkpoint are written again, not twice), and no
 * temporary file remains.
 *
 * <p>The TaskManager is terminated the moment a temporary file appears in the output folder, that is
 * after a writer wrote an image and before the checkpoint that commits it completed. In the mini
 * cluster the TaskManager shuts down in order (its tasks are cancelled and close their writers); the
 * abrupt loss, a TaskManager process killed with no chance to clean up, is tested on a cluster of
 * separate JVMs in {@code integration-tests} and on containers.
 */
class TaskManagerLossITCase {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(2)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @RegisterExtension
    static final TinyModel MODEL = new TinyModel();

    @Test
    void jobRecoversFromItsCheckpointWithoutDuplicatesOrTemporaryFiles(
            @TempDir Path work, @InjectMiniCluster MiniCluster cluster) throws Exception {
        Path input = work.resolve("in");
        Path output = work.resolve("out");
        SampleGenerator generator = new SampleGenerator(11);
        List<String> all = new ArrayList<>();
        JobClient job = start(input, output);
        try {
            for (int i = 0; i < 6; i++) {
                String name = "batch-" + i + "/scan.png";
                RestoreFixture.write(generator.noisyScene(48, 40, i, 20), input.resolve(name), OutputFormat.PNG);
                all.add(name);
            }
            awaitTemporaryFile(output);
            cluster.terminateTaskManager(0).get();
            for (int i = 6; i < 10; i++) {
                String name = "after/scan-" + i + ".png";
                RestoreFixture.write(generator.noisyScene(40, 48, i, 15), input.resolve(name), OutputFormat.PNG);
                all.add(name);
            }
            RestoreFixture.awaitOutputs(output, all);
            awaitNoTemporaryFiles(output);
        } finally {
            job.cancel().get();
        }
        RestoreFixture.assertRestoredExactlyOnce(input, output, all);
    }

    private static JobClient start(Path input, Path output) throws Exception {
        return RestoreFixture.start(
                "restore-taskmanager-loss-itcase",
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--model",
                MODEL.directory().toString(),
                "--watch",
                StreamingRestoreITCase.WATCH.toString(),
                "--checkpoint-interval",
                "PT1S",
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
                "2");
    }

    /** Polls until a sink writer has written a file that no checkpoint committed yet. */
    private static void awaitTemporaryFile(Path output) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + RestoreFixture.AWAIT_DEADLINE.toNanos();
        while (temporaryFiles(output).isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                fail("no temporary file appeared in %s within %s", output, RestoreFixture.AWAIT_DEADLINE);
            }
            Thread.sleep(5);
        }
    }

    /**
     * Polls until the output folder holds no temporary file: after recovery the writers clean up the
     * lost attempt's files when they start, so they must be gone once the recovered job committed.
     */
    private static void awaitNoTemporaryFiles(Path output) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + RestoreFixture.AWAIT_DEADLINE.toNanos();
        List<String> left = temporaryFiles(output);
        while (!left.isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                fail("temporary files left in %s after recovery: %s", output, left);
            }
            Thread.sleep(100);
            left = temporaryFiles(output);
        }
        assertThat(left).isEmpty();
    }

    private static List<String> temporaryFiles(Path output) throws IOException {
        if (!Files.isDirectory(output)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(output)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(TempFiles.SUFFIX))
                    .toList();
        }
    }
}
