package dev.imagerestore.it.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link FlinkProcessCluster} is made of: a work directory (configuration, logs, temporary
 * files), the class path of the cluster's {@code lib/}, JVM options for every process and extra ones
 * for the TaskManager, its number of slots, and configuration entries added to {@code config.yaml}.
 */
record ClusterSettings(
        Path workDirectory,
        String classpath,
        List<String> jvmOptions,
        List<String> taskManagerJvmOptions,
        int slots,
        Map<String, String> config) {

    ClusterSettings {
        Objects.requireNonNull(workDirectory, "workDirectory");
        if (classpath == null || classpath.isBlank()) {
            throw new IllegalArgumentException("the cluster class path is empty; it lists the jars of Flink's lib/");
        }
        if (slots < 1) {
            throw new IllegalArgumentException("slots is " + slots + ", must be at least 1");
        }
        jvmOptions = List.copyOf(jvmOptions);
        taskManagerJvmOptions = List.copyOf(taskManagerJvmOptions);
        config = Map.copyOf(config);
    }
}
