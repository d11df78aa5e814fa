package dev.imagerestore.operators.inference;

import java.io.Serializable;

/**
 * The device a subtask's model runs on, as {@link DeviceBinding} resolved it: the CPU, or one GPU by
 * its index on the TaskManager's host. Immutable; equal devices share one {@link InferenceService}.
 *
 * @param gpuIndex the CUDA device index, or -1 for the CPU
 * @param cpuThreads PyTorch intra-op threads for CPU inference (0 = one per available processor)
 */
public record InferenceDevice(int gpuIndex, int cpuThreads) implements Serializable {

    public InferenceDevice {
        if (gpuIndex < -1) {
            throw new IllegalArgumentException("gpuIndex must be >= 0, or -1 for the CPU, got " + gpuIndex);
        }
        if (cpuThreads < 0) {
            throw new IllegalArgumentException("cpuThreads must be >= 0 (0 = all cores), got " + cpuThreads);
        }
    }

    public static InferenceDevice cpu(int threads) {
        return new InferenceDevice(-1, threads);
    }

    public static InferenceDevice gpu(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("GPU index must be >= 0, got " + index);
        }
        return new InferenceDevice(index, 0);
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
        return isGpu() ? "gpu(" + gpuIndex + ")" : "cpu(" + (cpuThreads == 0 ? "all" : cpuThreads) + " threads)";
    }
}
