package dev.imagerestore.it.process;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Flink session cluster of separate JVMs started from jars, the way Flink's distribution scripts
 * start one: a JobManager ({@code StandaloneSessionClusterEntrypoint}) and one TaskManager
 * ({@code TaskManagerRunner} with the memory settings {@code BashJavaUtils} computes), both reading
 * a generated {@code conf/config.yaml} and bound to loopback on ports chosen when it starts. Jobs
 * are submitted with Flink's command line ({@code CliFrontend run}) in a third JVM.
 *
 * <p>Contract: {@link #close()} stops every process it started, also after a failed start; the
 * logs stay in the work directory and {@link #logs()} gives their tails for failure messages.
 * Threading: one test thread drives it.
 */
final class FlinkProcessCluster implements AutoCloseable {

    private static final String JOB_MANAGER = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASK_MANAGER = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final String CLI = "org.apache.flink.client.cli.CliFrontend";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

    private final ClusterSettings settings;
    private final Path configDir;
    private final FlinkRest rest;
    private final List<JvmProcess> processes = new ArrayList<>();
    private JvmProcess taskManager;
    private int submissions;

    private FlinkProcessCluster(ClusterSettings settings, Path configDir, int restPort) {
        this.settings = settings;
        this.configDir = configDir;
        this.rest = new FlinkRest(restPort);
    }

    /** Writes the configuration, starts both processes and waits until the TaskManager offers its slots. */
    static FlinkProcessCluster start(ClusterSettings settings) throws IOException, InterruptedException {
        Path configDir = settings.workDirectory().resolve("conf");
        int restPort = ClusterConfig.write(settings, configDir);
        FlinkProcessCluster cluster = new FlinkProcessCluster(settings, configDir, restPort);
        try {
            cluster.startProcesses();
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            String logs = cluster.logs();
            cluster.close();
            throw new AssertionError("the Flink cluster did not start: " + e.getMessage() + "\n" + logs, e);
        }
    }

    private void startProcesses() throws IOException, InterruptedException {
        Path logs = settings.workDirectory().resolve("log");
        List<String> configArgs = List.of("--configDir", configDir.toString());
        processes.add(JvmProcess.start(
                "jobmanager",
                JvmProcess.javaCommand(jvmOptions(List.of()), settings.classpath(), JOB_MANAGER, configArgs),
                Map.of(),
                logs.resolve("jobmanager.log")));
        rest.await("/overview", overview -> overview.has("flink-version"), START_TIMEOUT, this::allAlive);

        TaskManagerResources resources = TaskManagerResources.compute(
                jvmOptions(List.of()), settings.classpath(), configDir, logs.resolve("bash-java-utils.log"));
        List<String> args = new ArrayList<>(configArgs);
        args.addAll(resources.dynamicProperties());
        List<String> options = new ArrayList<>(resources.jvmFlags());
        options.addAll(settings.taskManagerJvmOptions());
        taskManager = JvmProcess.start(
                "taskmanager",
                JvmProcess.javaCommand(jvmOptions(options), settings.classpath(), TASK_MANAGER, args),
                Map.of(),
                logs.resolve("taskmanager.log"));
        processes.add(taskManager);
        rest.await(
                "/overview",
                overview -> overview.get("taskmanagers").getAsInt() == 1
                        && overview.get("slots-total").getAsInt() == settings.slots(),
                START_TIMEOUT,
                this::allAlive);
    }

    private List<String> jvmOptions(List<String> specific) {
        List<String> options = new ArrayList<>(settings.jvmOptions());
        // Flink's pekko.startup-timeout does not reach classic remoting, whose start-up deadline is 10 s
        options.add("-Dpekko.remote.classic.startup-timeout=" + START_TIMEOUT.toSeconds() + "s");
        options.add("-Dlog4j.configurationFile=" + configDir.resolve(ClusterConfig.LOG4J));
        options.addAll(specific);
        return options;
    }

    /**
     * Runs {@code flink run <jar> <args>} against this cluster (attached: it returns when the job
     * ends) and returns the CLI's exit code; its output is in {@code log/cli-<n>.log}.
     */
    Submission submit(Path jar, List<String> args, Duration timeout) throws IOException, InterruptedException {
        List<String> cliArgs = new ArrayList<>(List.of("run", jar.toString()));
        cliArgs.addAll(args);
        Path log = settings.workDirectory().resolve("log").resolve("cli-" + ++submissions + ".log");
        JvmProcess cli = JvmProcess.start(
                "flink run #" + submissions,
                JvmProcess.javaCommand(jvmOptions(List.of()), settings.classpath(), CLI, cliArgs),
                Map.of("FLINK_CONF_DIR", configDir.toString()),
                log);
        try {
            return new Submission(cli.await(timeout), cli);
        } finally {
            cli.close();
        }
    }

    /** The exit code of one {@code flink run}, and its process (for the log). */
    record Submission(int exitCode, JvmProcess cli) {}

    FlinkRest rest() {
        return rest;
    }

    JvmProcess taskManager() {
        return taskManager;
    }

    /** The REST overview, for assertions on the running cluster. */
    JsonObject overview() throws IOException, InterruptedException {
        return rest.get("/overview");
    }

    boolean allAlive() {
        return processes.stream().allMatch(JvmProcess::isAlive);
    }

    /** The tails of every process's log, the CLI runs included. */
    String logs() {
        Path dir = settings.workDirectory().resolve("log");
        if (!Files.isDirectory(dir)) {
            return "(no logs in " + dir + ")";
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted()
                    .map(log -> JvmProcess.tail(log.getFileName().toString(), log, 40))
                    .collect(Collectors.joining(System.lineSeparator()));
        } catch (IOException e) {
            return "(cannot list " + dir + ": " + e + ")";
        }
    }

    /** Stops the TaskManager, then the JobManager. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }
}
