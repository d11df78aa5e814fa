package dev.imagerestore.operators.inference;

import ai.djl.engine.Engine;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.IntSupplier;
import org.apache.flink.api.common.externalresource.ExternalResourceInfo;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * Resolves a {@link DeviceOption} to the {@link InferenceDevice} of one subtask from the GPUs Flink
 * assigned to it.
 *
 * <p>Flink hands GPUs out as the external resource {@value #GPU_RESOURCE}: a TaskManager configured
 * with {@code external-resources: gpu}, {@code external-resource.gpu.amount} and
 * {@code external-resource.gpu.driver-factory.class:
 * org.apache.flink.externalresource.gpu.GPUDriverFactory} runs a discovery script that prints the
 * indices of its GPUs, and each {@link ExternalResourceInfo} carries one as the property
 * {@value #INDEX_PROPERTY}. The inference slot sharing group asks for one GPU per slot (see
 * {@link InferenceStage}); with several assigned, the lowest index is used.
 *
 * <p>AUTO picks the GPU only when one was assigned <em>and</em> the DJL engine reports a GPU (a
 * TaskManager with the CPU build of PyTorch runs on the CPU even on a GPU host). With
 * {@link GpuAssignment#ENGINE} (the embedded mini cluster) the GPUs are the engine's, spread over the
 * subtasks by index ({@link #resolveOnEngine}). Stateless.
 */
public final class DeviceBinding {

    /** The external resource name Flink's GPU driver is configured under. */
    public static final String GPU_RESOURCE = "gpu";
    /** The property of a GPU {@link ExternalResourceInfo} that holds its index. */
    public static final String INDEX_PROPERTY = "index";

    private DeviceBinding() {}

    /** The device of the subtask that owns {@code context}. */
    public static InferenceDevice resolve(InferenceSettings settings, RuntimeContext context) {
        int subtask = context.getTaskInfo().getIndexOfThisSubtask();
        InferenceDevice device = settings.gpuAssignment() == GpuAssignment.ENGINE
                ? resolveOnEngine(settings.device(), subtask, settings.cpuThreads(), DeviceBinding::engineGpuCount)
                : resolve(
                        settings.device(),
                        context.getExternalResourceInfos(GPU_RESOURCE),
                        settings.cpuThreads(),
                        DeviceBinding::engineGpuCount);
        return device.forCpuWorker(
                subtask, settings.cpuWorkers(), Runtime.getRuntime().availableProcessors());
    }

    /**
     * The device for {@code option} when GPUs are not slot resources but the ones the engine sees in
     * this JVM ({@link GpuAssignment#ENGINE}): subtask {@code i} gets GPU {@code i mod count}.
     *
     * @throws IllegalStateException for GPU when the engine sees no GPU
     */
    public static InferenceDevice resolveOnEngine(
            DeviceOption option, int subtaskIndex, int cpuThreads, IntSupplier engineGpuCount) {
        Objects.requireNonNull(option, "option");
        if (option == DeviceOption.CPU) {
            return InferenceDevice.cpu(cpuThreads);
        }
        int gpus = engineGpuCount.getAsInt();
        if (gpus > 0) {
            return InferenceDevice.gpu(subtaskIndex % gpus);
        }
        if (option == DeviceOption.GPU) {
            throw new IllegalStateException(
                    InferenceOptions.DEVICE.key() + " = GPU, but the PyTorch engine sees no GPU "
                            + "in this JVM: build the job with the CUDA natives (mvn package -Pcuda) and check the NVIDIA "
                            + "driver, or set " + InferenceOptions.DEVICE.key() + " to AUTO or CPU");
        }
        return InferenceDevice.cpu(cpuThreads);
    }

    /**
     * The device for {@code option} given the GPUs assigned to the subtask and the number of GPUs the
     * inference engine sees (only asked for AUTO when a GPU was assigned).
     *
     * @throws IllegalStateException for GPU with no GPU assigned, or a GPU info without a valid index
     */
    public static InferenceDevice resolve(
            DeviceOption option, Set<ExternalResourceInfo> gpus, int cpuThreads, IntSupplier engineGpuCount) {
        Objects.requireNonNull(option, "option");
        OptionalInt assigned = lowestIndex(gpus == null ? Set.of() : gpus);
        switch (option) {
            case CPU:
                return InferenceDevice.cpu(cpuThreads);
            case GPU:
                return InferenceDevice.gpu(assigned.orElseThrow(() -> new IllegalStateException(
                        InferenceOptions.DEVICE.key() + " = GPU, but Flink assigned this subtask no external resource '"
                                + GPU_RESOURCE + "'. Configure the TaskManagers with external-resources: "
                                + GPU_RESOURCE + ", external-resource." + GPU_RESOURCE
                                + ".amount: <GPUs per TaskManager>, "
                                + "external-resource." + GPU_RESOURCE + ".driver-factory.class: "
                                + "org.apache.flink.externalresource.gpu.GPUDriverFactory and enable "
                                + "cluster.fine-grained-resource-management.enabled, or set "
                                + InferenceOptions.DEVICE.key() + " to AUTO or CPU")));
            case AUTO:
                return assigned.isPresent() && engineGpuCount.getAsInt() > 0
                        ? InferenceDevice.gpu(assigned.getAsInt())
                        : InferenceDevice.cpu(cpuThreads);
            default:
                throw new IllegalArgumentException("unknown device option " + option);
        }
    }

    static OptionalInt lowestIndex(Set<? extends ExternalResourceInfo> gpus) {
        OptionalInt lowest = OptionalInt.empty();
        for (ExternalResourceInfo info : gpus) {
            int index = index(info);
            if (lowest.isEmpty() || index < lowest.getAsInt()) {
                lowest = OptionalInt.of(index);
            }
        }
        return lowest;
    }

    private static int index(ExternalResourceInfo info) {
        String value = info.getProperty(INDEX_PROPERTY)
                .orElseThrow(() -> new IllegalStateException("external resource '" + GPU_RESOURCE + "' " + info
                        + " has no '" + INDEX_PROPERTY + "' property (it has " + info.getKeys()
                        + "); use Flink's GPUDriverFactory or a driver that reports the GPU index"));
        try {
            int index = Integer.parseInt(value.trim());
            if (index < 0) {
                throw new NumberFormatException("negative");
            }
            return index;
        } catch (NumberFormatException e) {
            throw new IllegalStateException(
                    "external resource '" + GPU_RESOURCE + "' reports index '" + value
                            + "', not a GPU index >= 0: check the discovery script's output",
                    e);
        }
    }

    private static int engineGpuCount() {
        return Engine.getEngine("PyTorch").getGpuCount();
    }
}
