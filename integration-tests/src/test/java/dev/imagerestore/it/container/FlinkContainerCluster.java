package dev.imagerestore.it.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Bind;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A Flink session cluster of two containers from the test image, a JobManager and a TaskManager, started
 * with the image's entry point commands ({@code jobmanager}, {@code taskmanager}) as a user starts them.
 *
 * <p>Networking: both containers share the host's network stack and every Flink endpoint binds and
 * advertises {@code localhost} only (RPC, REST, blob and data ports), so no test traffic leaves the
 * machine; the RPC and REST ports are picked free at start, so several clusters may run at once.
 * Folders: input, output and the model are bind-mounted at {@link #INPUT}, {@link #OUTPUT} and
 * {@link #MODEL} into both containers (the JobManager lists the input, the TaskManager reads and
 * writes), and the job jar under test, from this build, over the image's
 * {@code /opt/flink/usrlib/image-restoration.jar}; DJL's cache of unpacked natives is shared by the
 * tests' containers ({@code target/djl-cache}), so only the first TaskManager pays for unpacking.
 *
 * <p>Jobs are submitted the way users do, with {@code flink run -d} inside the JobManager container,
 * and watched through Flink's REST API. {@link #close()} writes both containers' logs to
 * {@code target/container-logs/} and removes the containers. Not thread-safe: one test drives it.
 */
final class FlinkContainerCluster implements AutoCloseable {

    static final String INPUT = "/data/input";
    static final String OUTPUT = "/data/output";
    static final String MODEL = "/data/model";
    static final String JOB_JAR = "/opt/flink/usrlib/image-restoration.jar";
    /** DJL unpacks PyTorch's natives (some hundred MB) once into this cache, shared by the tests' TaskManagers. */
    private static final Path DJL_CACHE = Path.of("target", "djl-cache");

    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");
    private static final Duration POLL = Duration.ofMillis(500);

    private final String name;
    private final int restPort;
    private final GenericContainer<?> jobManager;
    private final GenericContainer<?> taskManager;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private FlinkContainerCluster(String name, Path input, Path output, Path model, Path jobJar) throws IOException {
        Files.createDirectories(DJL_CACHE);
        this.name = name;
        this.restPort = freePort();
        String properties = properties(freePort(), restPort);
        this.jobManager = container("jobmanager", properties, input, output, model, jobJar);
        this.taskManager = container("taskmanager", properties, input, output, model, jobJar);
    }

    /** Starts a JobManager, then a TaskManager, and waits until the TaskManager has registered. */
    static FlinkContainerCluster start(String name, Path input, Path output, Path model, Path jobJar)
            throws IOException, InterruptedException {
        FlinkContainerCluster cluster = new FlinkContainerCluster(name, input, output, model, jobJar);
        try {
            cluster.jobManager.start();
            cluster.taskManager.start();
            cluster.awaitTaskManagers(1, Duration.ofMinutes(3));
            return cluster;
        } catch (RuntimeException | Error | InterruptedException e) {
            cluster.close();
            throw e;
        }
    }

    private static String properties(int rpcPort, int restPort) {
        return String.join(
                "\n",
                "jobmanager.rpc.address: localhost",
                "jobmanager.rpc.port: " + rpcPort,
                "jobmanager.bind-host: localhost",
                "rest.address: localhost",
                "rest.bind-address: localhost",
                "rest.port: " + restPort,
                "blob.server.port: 0",
                "taskmanager.host: localhost",
                "taskmanager.bind-host: localhost",
                "taskmanager.rpc.port: 0",
                "taskmanager.data.port: 0",
                "taskmanager.numberOfTaskSlots: 2",
                "jobmanager.memory.process.size: 800m",
                "taskmanager.memory.process.size: 1200m",
                "taskmanager.memory.managed.size: 32m",
                // batch exchanges take 512 buffers each (sort shuffle), and a bounded run of the
                // restore task has the tiled path's besides the whole-image path's: a small
                // TaskManager needs the larger network share the README names
                "taskmanager.memory.network.fraction: 0.25",
                "heartbeat.interval: 2000",
                "heartbeat.timeout: 30000",
                "restart-strategy.type: fixed-delay",
                "restart-strategy.fixed-delay.attempts: 30",
                "restart-strategy.fixed-delay.delay: 2 s",
                // the job jar bundles PyTorch's natives (about 200 MB): room for its upload by `flink run`
                "rest.client.max-content-length: 536870912",
                "rest.server.max-content-length: 536870912",
                "env.java.opts.all: -Xss4m -Dai.djl.offline=true");
    }

    private static GenericContainer<?> container(
            String command, String properties, Path input, Path output, Path model, Path jobJar) {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(DockerAssumptions.image()));
        return container
                .withNetworkMode("host")
                .withEnv("FLINK_PROPERTIES", properties)
                .withEnv("DJL_CACHE_DIR", "/opt/djl-cache")
                .withCommand(command)
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                        .withBinds(
                                Bind.parse(input.toAbsolutePath() + ":" + INPUT + ":ro"),
                                Bind.parse(output.toAbsolutePath() + ":" + OUTPUT + ":rw"),
                                Bind.parse(model.toAbsolutePath() + ":" + MODEL + ":ro"),
                                Bind.parse(jobJar.toAbsolutePath() + ":" + JOB_JAR + ":ro"),
                                Bind.parse(DJL_CACHE.toAbsolutePath() + ":/opt/djl-cache:rw")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Runs {@code flink run -d JOB_JAR ARGS} in the JobManager container and returns the job's id. */
    String submit(String... jobArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("flink", "run", "-d", JOB_JAR));
        command.addAll(List.of(jobArgs));
        ExecResult result = jobManager.execInContainer(command.toArray(String[]::new));
        Matcher id = JOB_ID.matcher(result.getStdout());
        assertThat(id.find())
                .as(
                        "flink run %s printed a job id (exit %s)%nstdout: %s%nstderr: %s",
                        command, result.getExitCode(), result.getStdout(), result.getStderr())
                .isTrue();
        return id.group(1);
    }

    /** The job's state (RUNNING, FINISHED, FAILED, RESTARTING...). */
    String jobState(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId).get("state").getAsString();
    }

    /** Waits until the job is in {@code state}; fails at once if it ends in another terminal state. */
    void awaitJobState(String jobId, String state, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String current = jobState(jobId);
        while (!current.equals(state)) {
            assertThat(List.of("FAILED", "CANCELED", "FINISHED"))
                    .as(
                            "job %s ended in %s, expected %s; exceptions: %s",
                            jobId, current, state, get("/jobs/" + jobId + "/exceptions"))
                    .doesNotContain(current);
            assertThat(System.nanoTime())
                    .as("job %s still %s after %s, expected %s", jobId, current, timeout, state)
                    .isLessThan(deadline);
            Thread.sleep(POLL.toMillis());
            current = jobState(jobId);
        }
    }

    /** Completed checkpoints of the job and the id of the checkpoint it last restored, if any. */
    Checkpoints checkpoints(String jobId) throws IOException, InterruptedException {
        JsonObject stats = get("/jobs/" + jobId + "/checkpoints");
        long completed = stats.getAsJsonObject("counts").get("completed").getAsLong();
        JsonElement restored = stats.getAsJsonObject("latest").get("restored");
        Optional<Long> restoredId = restored == null || restored.isJsonNull()
                ? Optional.empty()
                : Optional.of(restored.getAsJsonObject().get("id").getAsLong());
        return new Checkpoints(completed, restoredId);
    }

    record Checkpoints(long completed, Optional<Long> restoredId) {}

    /** Waits until {@code count} TaskManagers are registered with the JobManager. */
    void awaitTaskManagers(int count, Duration timeout) throws InterruptedException {
        await(
                () -> {
                    try {
                        return get("/taskmanagers")
                                        .getAsJsonArray("taskmanagers")
                                        .size()
                                == count;
                    } catch (IOException e) {
                        return false;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                },
                timeout,
                count + " TaskManager(s) registered at localhost:" + restPort);
    }

    /** Kills the TaskManager container (SIGKILL: no shutdown hook, no cleanup), keeping it for a restart. */
    void killTaskManager() {
        docker().killContainerCmd(taskManager.getContainerId())
                .withSignal("KILL")
                .exec();
    }

    /** Starts the killed TaskManager container again: a new TaskManager process on the same container. */
    void restartTaskManager() {
        docker().startContainerCmd(taskManager.getContainerId()).exec();
    }

    /** Cancels a (streaming) job. */
    void cancel(String jobId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri("/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30))
                .build();
        http.send(request, HttpResponse.BodyHandlers.discarding());
    }

    private JsonObject get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri(path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + restPort + path);
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} after {@code timeout}. */
    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s for %s", timeout, what).isLessThan(deadline);
            Thread.sleep(POLL.toMillis());
        }
    }

    @Override
    public void close() throws IOException {
        Path logs = Path.of("target", "container-logs");
        Files.createDirectories(logs);
        for (GenericContainer<?> container : List.of(jobManager, taskManager)) {
            if (container.getContainerId() != null) {
                String role = container == jobManager ? "jobmanager" : "taskmanager";
                Files.writeString(logs.resolve(name + "-" + role + ".log"), container.getLogs());
            }
            container.stop();
        }
    }
}
