package dev.imagerestore.job.internal;

import dev.imagerestore.operators.inference.InferenceOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;

/**
 * Speaks of the command line's options where the settings' checks speak of configuration keys:
 * {@code inference.tile-size must be >= 8} becomes {@code --tile-size must be >= 8}. Keys without
 * an option of their own are left as they are (they are set with {@code -D} on a cluster).
 */
public final class OptionNames {

    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        put(InferenceOptions.DEVICE, "--device");
        put(InferenceOptions.CPU_THREADS, "--threads");
        put(InferenceOptions.CPU_WORKERS, "--cpu-workers");
        put(InferenceOptions.MAX_BATCH, "--batch");
        put(InferenceOptions.MAX_WAIT, "--max-wait");
        put(InferenceOptions.CAPACITY, "--capacity");
        put(InferenceOptions.TIMEOUT, "--timeout");
        put(InferenceOptions.TILE_SIZE, "--tile-size");
        put(InferenceOptions.OVERLAP, "--overlap");
    }

    private OptionNames() {}

    private static void put(ConfigOption<?> option, String name) {
        OPTIONS.put(option.key(), name);
    }

    /** {@code message} with every configuration key that has an option replaced by the option's name. */
    public static String of(String message) {
        String text = message == null ? "" : message;
        for (Map.Entry<String, String> e : OPTIONS.entrySet()) {
            text = text.replace(e.getKey(), e.getValue());
        }
        return text;
    }
}
