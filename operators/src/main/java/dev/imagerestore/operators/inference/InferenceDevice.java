package dev.imagerestore.operators.inference;

import java.io.Serializable;

/**
 * The device a subtask's model runs on, as {@link DeviceBinding} resolved it: the CPU, or one GPU by
 * its index on the TaskManager's host. Immutable; equal devices share one {@link InferenceService}, so
 * CPU workers of different index ({@link InferenceOptions#CPU_WORKERS}) each load and run their own
 * copy of a model.
 *
 * @param gpuIndex the CUDA device index, or -1 for the CPU
 * @param cpuThreads PyTorch intra-op threads for CPU inference (0 = one per available processor)
 * @param cpuWorker which of the TaskManager's CPU workers runs the model (0 for a GPU)
 */
public record InferenceDevice(int gpuIndex, int cpuThreads, int cpuWorker) implements Serializable {

    public InferenceDevice {
        if (gpuIndex < -1) {
            throw new IllegalArgumentException("gpuIndex must be >= 0, or -1 for the CPU, got " + gpuIndex);
        }
        if (cpuThreads < 0) {
            throw new IllegalArgumentException("cpuThreads must be >= 0 (0 = all cores), got " + cpuThreads);
        }
        if (cpuWorker < 0 || (gpuIndex >= 0 && cpuWorker != 0)) {
            throw new IllegalArgumentException("cpuWorker must be >= 0, and 0 on a GPU, got " + cpuWorker + " on "
                    + (gpuIndex >= 0 ? "a GPU" : "the CPU"));
        }
    }

    public static InferenceDevice cpu(int threads) {
        return new InferenceDevice(-1, threads, 0);
    }

    public static InferenceDevice gpu(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("GPU index must be >= 0, got " + index);
        }
        return new InferenceDevice(index, 0, 0);
    }

    /**
     * This device as the one of {@code workers} CPU workers that subtask {@code subtaskIndex} uses
     * (index modulo workers), each with an equal share of {@code processors} when no thread count was
     * set; a GPU, or a single worker, is returned as it is.
     */
    public InferenceDevice forCpuWorker(int subtaskIndex, int workers, int processors) {
        if (workers < 1 || subtaskIndex < 0 || processors < 1) {
            throw new IllegalArgumentException("need workers >= 1, subtaskIndex >= 0 and processors >= 1, got "
                    + workers + ", " + subtaskIndex + " and " + processors);
        }
        if (isGpu() || workers == 1) {
            return this;
        }
        int threads = cpuThreads > 0 ? cpuThreads : Math.max(1, processors / workers);
        return new InferenceDevice(-1, threads, subtaskIndex % workers);
    }

    public boolean isGpu() {
        return gpuIndex >= 0;
    }

    /** The DJL device: {@code gpu(index)} or {@code cpu()}. */
    public ai.djl.Device toDjl() {
        return isGpu() ? ai.djl.Device.gpu(gpuIndex) : ai.djl.Device.cpu();
    }

    @Override
    public String toString() {
        if (isGpu()) {
            return "gpu(" + gpuIndex + ")";
        }
        String threads = (cpuThreads == 0 ? "all" : Integer.toString(cpuThreads)) + " threads";
        return "cpu(" + (cpuWorker == 0 ? threads : "worker " + cpuWorker + ", " + threads) + ")";
    }
}
