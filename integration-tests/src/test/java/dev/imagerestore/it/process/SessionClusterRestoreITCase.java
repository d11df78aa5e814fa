package dev.imagerestore.it.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The shaded job jar on a real Flink session cluster: a JobManager and a TaskManager in their own
 * JVMs, started from the Maven class path with DJL in the cluster's {@code lib/} and loaded
 * parent-first ({@code classloader.parent-first-patterns.additional: ai.djl.}), as the README's
 * cluster section asks. The jar is submitted twice with {@code flink run ... restore} to the same
 * cluster: the second job finds DJL's natives already loaded in the TaskManager JVM and must reuse
 * them rather than fail with {@code UnsatisfiedLinkError}.
 *
 * <p>The inputs are drawn by {@link GeneratedImages}; the model is a tiny UNet trained for two steps
 * by the jar's own {@code train} command (the pipeline is under test, not the model's quality).
 * Every process is stopped after the class; logs stay under {@code target/process-cluster/} and
 * their tails are printed when a test fails.
 */
class SessionClusterRestoreITCase {

    /** Generous: the machines that run this build may be busy with other heavy work. */
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(15);
    /** DJL must not download anything: the natives come from the pytorch-native jar on the class path. */
    private static final List<String> DJL_OFFLINE = List.of("-Doffline=true", "-Dai.djl.offline=true");

    private static Path jobJar;
    private static Path run;
    private static List<String> inputs;
    private static FlinkProcessCluster cluster;

    @RegisterExtension
    static final TestWatcher LOGS_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (cluster != null) {
                System.err.println(cluster.logs());
            }
        }
    };

    @BeforeAll
    static void startCluster() throws Exception {
        jobJar = Path.of(property("job.jar"));
        assertThat(jobJar)
                .as("the shaded job jar; build it with `mvn package -pl flink-job -am`")
                .isRegularFile();
        Path base = Files.createDirectories(Path.of(property("it.work.dir")));
        run = Files.createTempDirectory(base, "run-");
        inputs = GeneratedImages.write(run.resolve("in"), 11);
        trainTinyModel(run.resolve("model"));
        String classpath = Files.readString(Path.of(property("flink.cluster.classpath.file")), StandardCharsets.UTF_8)
                .trim();
        List<String> opens =
                Arrays.stream(property("flink.java17.opens").split("\\s+")).toList();
        cluster = FlinkProcessCluster.start(new ClusterSettings(
                run.resolve("cluster"),
                classpath,
                opens,
                DJL_OFFLINE,
                2,
                Map.of("classloader.parent-first-patterns.additional", "ai.djl.")));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theJarRestoresEveryImageTwiceOnOneClusterWithNativesLoadedOnce() throws Exception {
        long taskManagerPid = cluster.taskManager().pid();

        restoreAndVerify(run.resolve("out-1"), 1);
        restoreAndVerify(run.resolve("out-2"), 2);

        assertThat(cluster.taskManager().isAlive())
                .as("the TaskManager survived both jobs")
                .isTrue();
        assertThat(cluster.taskManager().pid()).isEqualTo(taskManagerPid);
        assertThat(cluster.overview().get("taskmanagers").getAsInt()).isEqualTo(1);
        String taskManagerLog = Files.readString(cluster.taskManager().log(), StandardCharsets.UTF_8);
        assertThat(taskManagerLog)
                .as("the TaskManager log")
                .doesNotContain("UnsatisfiedLinkError")
                .doesNotContain("already loaded in another classloader");
        assertThat(taskManagerLog.split("Loading model", -1).length - 1)
                .as("each job loaded the model in the one TaskManager JVM")
                .isGreaterThanOrEqualTo(2);
    }

    private static void restoreAndVerify(Path output, int submission) throws Exception {
        FlinkProcessCluster.Submission result = cluster.submit(
                jobJar,
                List.of(
                        "restore",
                        "--input",
                        run.resolve("in").toString(),
                        "--output",
                        output.toString(),
                        "--model",
                        run.resolve("model").toString(),
                        "--device",
                        "cpu",
                        "--threads",
                        "1",
                        "--tile-size",
                        "32",
                        "--overlap",
                        "8",
                        "--batch",
                        "3"),
                JOB_TIMEOUT);
        assertThat(result.exitCode())
                .as("exit code of flink run #%s:\n%s", submission, result.cli().tail(60))
                .isZero();
        cluster.rest()
                .await(
                        "/jobs/overview",
                        jobs -> finishedJobs(jobs) == submission,
                        Duration.ofSeconds(30),
                        cluster::allAlive);

        assertThat(images(output))
                .as("restored files: same relative paths, readable, same geometry")
                .isEqualTo(images(run.resolve("in")))
                .hasSize(inputs.size());
        List<JsonObject> report = report(output);
        assertThat(report)
                .as("run report")
                .hasSize(inputs.size())
                .allSatisfy(line -> assertThat(line.get("status").getAsString()).isEqualTo("ok"));
        assertThat(report.stream()
                        .map(line -> line.get("input").getAsString())
                        .sorted()
                        .toList())
                .containsExactlyElementsOf(inputs);
        try (Stream<Path> all = Files.walk(output)) {
            assertThat(all.map(p -> p.getFileName().toString())
                            .filter(n -> n.startsWith(".") || n.endsWith(".inprogress")))
                    .as("no temporary files are left behind")
                    .isEmpty();
        }
    }

    private static long finishedJobs(JsonObject overview) {
        long finished = 0;
        for (JsonElement job : overview.getAsJsonArray("jobs")) {
            if ("FINISHED".equals(job.getAsJsonObject().get("state").getAsString())) {
                finished++;
            }
        }
        return finished;
    }

    /** Widths of at least 16: oneDNN's backward pass of narrower 3x3 convolutions gave NaN gradients here. */
    private static void trainTinyModel(Path model) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JvmProcess.java()));
        command.addAll(DJL_OFFLINE);
        command.addAll(List.of(
                "-jar",
                jobJar.toString(),
                "train",
                "--data",
                run.resolve("in").toString(),
                "--work",
                run.resolve("train").toString(),
                "--output",
                model.toString(),
                "--steps",
                "2",
                "--warmup",
                "1",
                "--crop",
                "16",
                "--batch",
                "2",
                "--widths",
                "16,16,32",
                "--res-blocks",
                "1",
                "--groups",
                "8",
                "--threads",
                "1",
                "--seed",
                "7",
                "--name",
                "tiny-cluster-test"));
        try (JvmProcess train = JvmProcess.start("train", command, Map.of(), run.resolve("train.log"))) {
            assertThat(train.await(JOB_TIMEOUT))
                    .as("exit code of the tiny model's training:\n%s", train.tail(40))
                    .isZero();
        }
    }

    /** What an image file decodes to; {@code null} in {@link #images} for a file ImageIO cannot read. */
    private record Geometry(int width, int height, int bitDepth) {}

    /** Every file under {@code root} but the run report, by relative path. */
    private static Map<String, Geometry> images(Path root) throws IOException {
        Map<String, Geometry> images = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                if (!relative.startsWith("_report/")) {
                    BufferedImage image = ImageIO.read(file.toFile());
                    images.put(
                            relative,
                            image == null
                                    ? null
                                    : new Geometry(
                                            image.getWidth(),
                                            image.getHeight(),
                                            image.getColorModel().getComponentSize(0)));
                }
            }
        }
        return images;
    }

    private static List<JsonObject> report(Path output) throws IOException {
        List<JsonObject> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(output.resolve("_report"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    lines.add(JsonParser.parseString(line).getAsJsonObject());
                }
            }
        }
        return lines;
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertThat(value)
                .as("system property %s (set by the failsafe configuration of integration-tests)", name)
                .isNotBlank();
        return value;
    }
}
