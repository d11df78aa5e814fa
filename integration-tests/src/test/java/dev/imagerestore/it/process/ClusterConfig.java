package dev.imagerestore.it.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a cluster's {@code conf/}: {@code config.yaml} (the only name Flink 2 reads) with every
 * endpoint on loopback, the JobManager's RPC and REST ports chosen free now (the others ephemeral),
 * temporary and BLOB directories inside the work directory, RPC and heartbeat deadlines long
 * enough for a machine busy with other work; and a log4j configuration that logs at
 * INFO to standard output, which {@link JvmProcess} keeps in a file.
 */
final class ClusterConfig {

    static final String LOG4J = "log4j.properties";

    private static final String LOG4J_CONFIG = """
            rootLogger.level = INFO
            rootLogger.appenderRef.console.ref = console
            appender.console.name = console
            appender.console.type = Console
            appender.console.layout.type = PatternLayout
            appender.console.layout.pattern = %d{HH:mm:ss,SSS} %-5p [%t] %c{1} - %m%n
            """;

    private ClusterConfig() {}

    /** Writes {@code config.yaml} and the log4j configuration into {@code configDir}; returns the REST port. */
    static int write(ClusterSettings settings, Path configDir) throws IOException {
        Path work = settings.workDirectory();
        int restPort = freePort();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("jobmanager.rpc.address", "localhost");
        config.put("jobmanager.bind-host", "localhost");
        config.put("jobmanager.rpc.port", Integer.toString(freePort()));
        config.put("rest.address", "localhost");
        config.put("rest.bind-address", "localhost");
        config.put("rest.port", Integer.toString(restPort));
        config.put("taskmanager.host", "localhost");
        config.put("taskmanager.bind-host", "localhost");
        config.put("taskmanager.numberOfTaskSlots", Integer.toString(settings.slots()));
        config.put("parallelism.default", Integer.toString(settings.slots()));
        config.put("jobmanager.memory.process.size", "1024m");
        config.put("taskmanager.memory.process.size", "1536m");
        // a bounded (batch) run's blocking exchanges take 512 sort-shuffle buffers each; the default
        // network share of a 1.5 GB TaskManager (about 3.4k buffers) ran out with both slots busy
        config.put("taskmanager.memory.network.fraction", "0.25");
        config.put("io.tmp.dirs", Files.createDirectories(work.resolve("tmp")).toString());
        config.put(
                "blob.storage.directory",
                Files.createDirectories(work.resolve("blobs")).toString());
        config.put("web.tmpdir", Files.createDirectories(work.resolve("web")).toString());
        // RPC and heartbeat deadlines for a machine busy with other work (defaults: 10 s to 50 s); the
        // remoting start-up of the actor systems keeps its fixed 10 s
        config.put("pekko.ask.timeout", "2 min");
        config.put("pekko.lookup.timeout", "2 min");
        config.put("pekko.tcp.timeout", "2 min");
        config.put("heartbeat.timeout", "5 min");
        config.putAll(settings.config());
        Files.createDirectories(configDir);
        Files.writeString(
                configDir.resolve("config.yaml"),
                config.entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining("\n", "", "\n")),
                StandardCharsets.UTF_8);
        Files.writeString(configDir.resolve(LOG4J), LOG4J_CONFIG, StandardCharsets.UTF_8);
        return restPort;
    }

    /** A port free on loopback now (the OS picks it; a race with another process is unlikely and fails loudly). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }
}
