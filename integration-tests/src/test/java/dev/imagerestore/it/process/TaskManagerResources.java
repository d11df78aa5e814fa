package dev.imagerestore.it.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The JVM flags and dynamic properties a TaskManager needs, as Flink's distribution scripts compute
 * them: {@code BashJavaUtils GET_TM_RESOURCE_PARAMS} resolves the memory model of
 * {@code config.yaml} into {@code -Xmx/-Xms/-XX:MaxDirectMemorySize/-XX:MaxMetaspaceSize} and the
 * {@code -D taskmanager.memory.*=...} and {@code -D taskmanager.cpu.cores=...} properties without
 * which {@code TaskManagerRunner} refuses to start.
 *
 * @param jvmFlags the JVM options of the TaskManager process
 * @param dynamicProperties the program arguments, pairs of {@code -D} and {@code key=value}
 */
record TaskManagerResources(List<String> jvmFlags, List<String> dynamicProperties) {

    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
    private static final String MAIN = "org.apache.flink.runtime.util.bash.BashJavaUtils";

    TaskManagerResources {
        jvmFlags = List.copyOf(jvmFlags);
        dynamicProperties = List.copyOf(dynamicProperties);
    }

    /** Runs {@code BashJavaUtils} in its own JVM on {@code configDir}; its output goes to {@code log}. */
    static TaskManagerResources compute(List<String> jvmOptions, String classpath, Path configDir, Path log)
            throws IOException, InterruptedException {
        List<String> command = JvmProcess.javaCommand(
                jvmOptions, classpath, MAIN, List.of("GET_TM_RESOURCE_PARAMS", "--configDir", configDir.toString()));
        JvmProcess process = JvmProcess.start("BashJavaUtils", command, Map.of(), log);
        int exit = process.await(Duration.ofMinutes(10));
        if (exit != 0) {
            throw new AssertionError(
                    "BashJavaUtils GET_TM_RESOURCE_PARAMS exited with " + exit + "\n" + process.tail(40));
        }
        return parse(Files.readAllLines(log, StandardCharsets.UTF_8));
    }

    /** The two result lines of {@code BashJavaUtils} (JVM flags, then dynamic properties) among its other output. */
    static TaskManagerResources parse(List<String> output) {
        List<String> results = output.stream()
                .filter(line -> line.startsWith(RESULT_PREFIX))
                .map(line -> line.substring(RESULT_PREFIX.length()).trim())
                .toList();
        if (results.size() != 2) {
            throw new IllegalArgumentException("expected 2 lines starting with " + RESULT_PREFIX
                    + " (JVM flags, dynamic properties) in the output of BashJavaUtils, found " + results.size()
                    + ": " + output);
        }
        return new TaskManagerResources(split(results.get(0)), split(results.get(1)));
    }

    private static List<String> split(String line) {
        return Arrays.stream(line.split("\\s+"))
                .filter(token -> !token.isEmpty())
                .toList();
    }
}
