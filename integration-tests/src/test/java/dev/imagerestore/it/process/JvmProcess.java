package dev.imagerestore.it.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM started by a test, with its standard output and error in one log file that is kept
 * after it ends.
 *
 * <p>Contract: {@link #close()} stops the process (SIGTERM, then SIGKILL after a grace period) and
 * is idempotent; a shutdown hook kills it if the test JVM exits first, so no JVM outlives its test.
 * Threading: {@link #close()} may race with the shutdown hook; both only signal the process.
 */
final class JvmProcess implements AutoCloseable {

    private static final Duration GRACE = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread killer;

    private JvmProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.killer = new Thread(process::destroyForcibly, "kill " + name);
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /** The command line of {@code java [jvmOptions] -cp classpath mainClass [args]}, with this JVM's java. */
    static List<String> javaCommand(List<String> jvmOptions, String classpath, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** The java launcher of this JVM. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Starts {@code command} with extra environment variables; output and errors go to {@code log}. */
    static JvmProcess start(String name, List<String> command, Map<String, String> environment, Path log)
            throws IOException {
        Files.createDirectories(log.getParent());
        Files.writeString(log, String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return new JvmProcess(name, builder.start(), log);
    }

    /** Waits for the process to end and returns its exit code; kills it and fails past {@code timeout}. */
    int await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new AssertionError(name + " did not end within " + timeout + "; killed it. Its log:\n" + tail(60));
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    String name() {
        return name;
    }

    /** The last {@code lines} lines of the log, headed by its path. */
    String tail(int lines) {
        return tail(name, log, lines);
    }

    /** The last {@code lines} lines of a log file, headed by {@code name} and its path; never throws. */
    static String tail(String name, Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "---- " + name + " (" + log + "), last " + lines + " of " + all.size() + " lines ----"
                    + System.lineSeparator()
                    + String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "---- " + name + ": cannot read " + log + ": " + e;
        }
    }

    /** Stops the process: SIGTERM, then SIGKILL after a grace period; keeps the interrupt flag if interrupted. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting and runs the hook itself
        }
    }
}
