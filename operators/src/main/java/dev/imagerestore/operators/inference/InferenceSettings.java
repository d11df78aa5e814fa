package dev.imagerestore.operators.inference;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The validated {@link InferenceOptions} of one inference stage. Immutable and serializable: it
 * travels inside {@link RestoreAsyncFunction}.
 *
 * @param device where the model runs
 * @param gpuAssignment how a subtask finds its GPU
 * @param cpuThreads PyTorch intra-op threads for CPU inference (0 = all cores, or an equal share of them
 *     per worker)
 * @param cpuWorkers copies of each model that run at once on a TaskManager's CPU
 * @param capacity images in flight per subtask
 * @param timeout longest time one image may take before it becomes a dead letter
 * @param tileSize side of the square tiles
 * @param overlap pixels neighbouring tiles share
 * @param batching how the shared service batches tiles
 * @param slotCpuCores CPU cores of a GPU inference slot
 * @param slotTaskHeap task heap of a GPU inference slot
 */
public record InferenceSettings(
        DeviceOption device,
        GpuAssignment gpuAssignment,
        int cpuThreads,
        int cpuWorkers,
        int capacity,
        Duration timeout,
        int tileSize,
        int overlap,
        BatchSettings batching,
        double slotCpuCores,
        MemorySize slotTaskHeap)
        implements Serializable {

    public InferenceSettings {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(gpuAssignment, "gpuAssignment");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(batching, "batching");
        Objects.requireNonNull(slotTaskHeap, "slotTaskHeap");
        check(cpuThreads >= 0, InferenceOptions.CPU_THREADS.key() + " must be >= 0 (0 = all cores), got " + cpuThreads);
        check(cpuWorkers >= 1, InferenceOptions.CPU_WORKERS.key() + " must be >= 1, got " + cpuWorkers);
        check(capacity >= 1, InferenceOptions.CAPACITY.key() + " must be >= 1, got " + capacity);
        check(
                !timeout.isNegative() && !timeout.isZero(),
                InferenceOptions.TIMEOUT.key() + " must be positive, got " + timeout);
        check(tileSize >= 8, InferenceOptions.TILE_SIZE.key() + " must be >= 8, got " + tileSize);
        check(
                overlap >= 0 && 2 * overlap < tileSize,
                InferenceOptions.OVERLAP.key() + " = " + overlap
                        + " must be >= 0 and less than half of " + InferenceOptions.TILE_SIZE.key() + " = " + tileSize
                        + "; lower it below " + ((tileSize + 1) / 2));
        check(slotCpuCores > 0, InferenceOptions.SLOT_CPU_CORES.key() + " must be positive, got " + slotCpuCores);
        check(
                slotTaskHeap.getBytes() > 0,
                InferenceOptions.SLOT_TASK_HEAP.key() + " must be positive, got " + slotTaskHeap);
    }

    /** Reads and validates the inference options of {@code config} (defaults for those not set). */
    public static InferenceSettings from(ReadableConfig config) {
        BatchSettings batching = new BatchSettings(
                config.get(InferenceOptions.MAX_BATCH),
                config.get(InferenceOptions.MAX_WAIT),
                config.get(InferenceOptions.QUEUE_CAPACITY),
                config.get(InferenceOptions.SERVICE_LINGER));
        return new InferenceSettings(
                config.get(InferenceOptions.DEVICE),
                config.get(InferenceOptions.GPU_ASSIGNMENT),
                config.get(InferenceOptions.CPU_THREADS),
                config.get(InferenceOptions.CPU_WORKERS),
                config.get(InferenceOptions.CAPACITY),
                config.get(InferenceOptions.TIMEOUT),
                config.get(InferenceOptions.TILE_SIZE),
                config.get(InferenceOptions.OVERLAP),
                batching,
                config.get(InferenceOptions.SLOT_CPU_CORES),
                config.get(InferenceOptions.SLOT_TASK_HEAP));
    }

    /** Whether the stage asks Flink for a GPU per slot (a GPU run on a cluster). */
    public boolean requestsGpuSlots() {
        return device == DeviceOption.GPU && gpuAssignment == GpuAssignment.EXTERNAL_RESOURCE;
    }

    /** The defaults of every option. */
    public static InferenceSettings defaults() {
        return from(new Configuration());
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
