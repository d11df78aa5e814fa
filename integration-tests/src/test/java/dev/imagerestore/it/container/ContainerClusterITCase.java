package dev.imagerestore.it.container;

import static dev.imagerestore.it.container.FlinkContainerCluster.INPUT;
import static dev.imagerestore.it.container.FlinkContainerCluster.MODEL;
import static dev.imagerestore.it.container.FlinkContainerCluster.OUTPUT;
import static dev.imagerestore.it.container.FlinkContainerCluster.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar on a containerised Flink session cluster (a JobManager and a TaskManager container of the
 * test image, see {@link FlinkContainerCluster}), submitted with {@code flink run}: a bounded run over a
 * folder, a continuous run fed while it runs, and a continuous run whose TaskManager container is
 * killed and restarted mid-run. Skipped, with the reason, where no Docker engine answers or the test
 * image is not built ({@code docker/test-image/build.sh}).
 */
class ContainerClusterITCase {

    /** The job jar of this build (integration-tests runs after flink-job has packaged it). */
    private static final Path JOB_JAR = Path.of("..", "flink-job", "target", "image-restoration.jar");

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);
    /** Checkpoints (every 2 s) commit temporary files; one still there after this is left behind for good. */
    private static final Duration ORPHAN_GRACE = Duration.ofSeconds(60);

    @TempDir
    static Path shared;

    private Path input;
    private OutputFolder output;
    private String testName;

    @BeforeAll
    static void tinyModel() throws IOException {
        DockerAssumptions.assumeDockerAndTestImage();
        assertThat(JOB_JAR)
                .as("the job jar; build it with mvn -B package -DskipTests")
                .isRegularFile();
        JobInputs.writeTinyModel(shared.resolve("model"));
    }

    @BeforeEach
    void folders(@TempDir Path work, TestInfo test) throws IOException {
        input = Files.createDirectories(work.resolve("input"));
        output = new OutputFolder(Files.createDirectories(work.resolve("output")));
        testName = test.getTestMethod().orElseThrow().getName();
    }

    private FlinkContainerCluster startCluster() throws IOException, InterruptedException {
        return FlinkContainerCluster.start(testName, input, output.root(), shared.resolve("model"), JOB_JAR);
    }

    private static String[] restoreArgs(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "restore",
                "--input",
                INPUT,
                "--output",
                OUTPUT,
                "--model",
                MODEL,
                "--device",
                "cpu",
                "--threads",
                "1",
                "--sigma",
                "20",
                "--tile-size",
                "32",
                "--overlap",
                "8",
                "--batch",
                "3",
                "--parallelism",
                "1"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    /** Writes {@code names} (relative paths; .png or .jpg) as generated images, seeded by position. */
    private List<String> drop(long seed, String... names) throws IOException {
        for (int i = 0; i < names.length; i++) {
            JobInputs.writeImage(
                    input.resolve(names[i]), 40 + 4 * i, 36 + 8 * (i % 3), seed + i, names[i].contains("deep"));
        }
        return List.of(names);
    }

    private void awaitRestored(List<String> expected) throws InterruptedException {
        await(
                () -> output.restoredFiles().containsAll(expected)
                        && output.reportedRestored().containsAll(expected),
                JOB_TIMEOUT,
                "restored files and report lines for " + expected + " in " + output.root());
    }

    /** Submits a continuous run ({@code --watch}, checkpoints every 2 s) and waits until it runs. */
    private static String startWatching(FlinkContainerCluster cluster) throws IOException, InterruptedException {
        String job = cluster.submit(restoreArgs("--watch", "PT1S", "--checkpoint-interval", "PT2S"));
        cluster.awaitJobState(job, "RUNNING", JOB_TIMEOUT);
        return job;
    }

    /** Cancels the still running {@code job}; then the output must hold {@code all}, each reported once, and no temporary file. */
    private void cancelAndCheckExactlyOnce(FlinkContainerCluster cluster, String job, List<String> all)
            throws IOException, InterruptedException {
        assertThat(cluster.jobState(job)).isEqualTo("RUNNING");
        cluster.cancel(job);
        cluster.awaitJobState(job, "CANCELED", JOB_TIMEOUT);
        assertThat(output.restoredFiles()).containsExactlyInAnyOrderElementsOf(all);
        assertThat(output.reportedRestored())
                .as("one report line per image, none repeated")
                .containsExactlyInAnyOrderElementsOf(all);
        assertThat(output.hiddenFiles())
                .as("temporary files left in the output")
                .isEmpty();
    }

    /**
     * Waits up to {@link #ORPHAN_GRACE} for the output's temporary files to be committed or removed, then
     * fails naming those left: once every file is restored, one that stays is an orphan of a dead writer.
     */
    private void awaitNoTemporaryFiles() throws InterruptedException {
        long deadline = System.nanoTime() + ORPHAN_GRACE.toNanos();
        while (!output.hiddenFiles().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(output.hiddenFiles())
                .as("temporary files still in %s %s after every file was restored", output.root(), ORPHAN_GRACE)
                .isEmpty();
    }

    /** Returns as soon as the output holds a temporary file, or {@code files} are committed. */
    private void awaitUncommittedOutput(List<String> files) throws InterruptedException {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        while (output.hiddenFiles().isEmpty() && !output.restoredFiles().containsAll(files)) {
            assertThat(System.nanoTime())
                    .as("waited %s for %s to be written", JOB_TIMEOUT, files)
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void batchRunOverAFolderRestoresEveryImageAndReportsTheCorruptFile() throws Exception {
        List<String> images = drop(1, "a.png", "scans/b.jpg", "scans/deep/c-deep.png");
        Files.write(input.resolve("scans/broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});

        try (FlinkContainerCluster cluster = startCluster()) {
            String job = cluster.submit(restoreArgs());
            cluster.awaitJobState(job, "FINISHED", JOB_TIMEOUT);
        }

        assertThat(output.restoredFiles()).containsExactlyInAnyOrderElementsOf(images);
        for (String image : images) {
            BufferedImage in = ImageIO.read(input.resolve(image).toFile());
            BufferedImage out = output.read(image);
            assertThat(out.getWidth()).as("width of %s", image).isEqualTo(in.getWidth());
            assertThat(out.getHeight()).as("height of %s", image).isEqualTo(in.getHeight());
            assertThat(out.getColorModel().getComponentSize(0))
                    .as("bit depth of %s", image)
                    .isEqualTo(in.getColorModel().getComponentSize(0));
        }
        assertThat(output.reportedRestored()).containsExactlyInAnyOrderElementsOf(images);
        assertThat(output.reportedFailed()).containsExactly("scans/broken.png");
        assertThat(output.hiddenFiles())
                .as("temporary files left in the output")
                .isEmpty();
    }

    @Test
    void watchingRunRestoresFilesDroppedWhileItRunsExactlyOnce() throws Exception {
        try (FlinkContainerCluster cluster = startCluster()) {
            String job = startWatching(cluster);
            List<String> first = drop(10, "first/a.png", "first/b.jpg");
            awaitRestored(first);
            List<String> second = drop(20, "second/c.png", "d-deep.png");
            awaitRestored(second);
            cancelAndCheckExactlyOnce(
                    cluster, job, Stream.concat(first.stream(), second.stream()).toList());
        }
    }

    @Test
    void killedTaskManagerRecoversFromItsCheckpointWithoutDuplicatesOrTemporaryFiles() throws Exception {
        try (FlinkContainerCluster cluster = startCluster()) {
            String job = startWatching(cluster);
            List<String> committed = drop(30, "a.png", "b.jpg", "c-deep.png");
            awaitRestored(committed);

            // kill while these are written but not committed: their hidden temporary files exist until the next
            // checkpoint (the kill falls later only if the checkpoint commits them between two looks)
            List<String> inFlight = drop(40, "later/d.png", "later/e.jpg", "later/f.png");
            awaitUncommittedOutput(inFlight);
            cluster.killTaskManager();
            cluster.awaitTaskManagers(0, JOB_TIMEOUT);
            List<String> whileDown = drop(50, "down/g.png", "down/h-deep.png");
            cluster.restartTaskManager();

            List<String> all = Stream.of(committed, inFlight, whileDown)
                    .flatMap(List::stream)
                    .toList();
            awaitRestored(all);
            awaitNoTemporaryFiles();
            FlinkContainerCluster.Checkpoints checkpoints = cluster.checkpoints(job);
            assertThat(checkpoints.restoredId())
                    .as("the job restored a checkpoint after the TaskManager died")
                    .isPresent();
            cancelAndCheckExactlyOnce(cluster, job, all);
            for (String image : all) {
                assertThat(output.read(image).getWidth())
                        .isEqualTo(ImageIO.read(input.resolve(image).toFile()).getWidth());
            }
        }
    }
}
