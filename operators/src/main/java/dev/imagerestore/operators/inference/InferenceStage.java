package dev.imagerestore.operators.inference;

import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.SlotSharingGroup;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Puts a {@link RestoreAsyncFunction} into a pipeline: an unordered async operator with the settings'
 * capacity and timeout. On the CPU ({@link DeviceOption#CPU}, {@link DeviceOption#AUTO}) it shares
 * the slots of the rest of the pipeline, so a streaming run needs no more slots than its
 * parallelism (a separate group would double them, and a streaming job whose tasks cannot all be
 * deployed never checkpoints, so never commits). With {@link DeviceOption#GPU} it runs in the slot
 * sharing group {@value #SLOT_SHARING_GROUP}, which requests one external resource {@value DeviceBinding#GPU_RESOURCE}
 * per slot (with the settings' CPU cores and task heap, which Flink requires alongside), so every
 * inference slot holds a GPU of its own; that needs fine-grained resource management
 * ({@code cluster.fine-grained-resource-management.enabled: true}) and TaskManagers configured with
 * Flink's GPU driver (see {@link DeviceBinding}). The other operators keep their own groups, so
 * decoding and writing do not take GPU slots. With {@link GpuAssignment#ENGINE} (the embedded mini
 * cluster) GPUs are not slot resources and the stage shares the pipeline's slots as on the CPU.
 */
public final class InferenceStage {

    public static final String SLOT_SHARING_GROUP = "inference";
    public static final String OPERATOR_NAME = "restore on device";
    /** The stage's operator uid, fixed so that checkpoints and savepoints map to it across versions. */
    public static final String OPERATOR_UID = "restore-on-device";

    private InferenceStage() {}

    /** {@code input} restored by {@code function}, whose output records have type {@code outputType}. */
    public static <IN, OUT> SingleOutputStreamOperator<OUT> apply(
            DataStream<IN> input, RestoreAsyncFunction<IN, OUT> function, TypeInformation<OUT> outputType) {
        return apply(input, function, outputType, OPERATOR_NAME, OPERATOR_UID);
    }

    /** As above, for a second device stage of the job, with its own operator name and uid. */
    public static <IN, OUT> SingleOutputStreamOperator<OUT> apply(
            DataStream<IN> input,
            RestoreAsyncFunction<IN, OUT> function,
            TypeInformation<OUT> outputType,
            String name,
            String uid) {
        InferenceSettings settings = function.settings();
        SingleOutputStreamOperator<OUT> stage = AsyncDataStream.unorderedWait(
                        input, function, settings.timeout().toMillis(), TimeUnit.MILLISECONDS, settings.capacity())
                .returns(outputType)
                .name(name)
                .uid(uid)
                // its own task thread: chained behind the source, a submit blocked by back-pressure
                // also held up the emission of finished images (job at a quarter of the bare loop)
                .startNewChain();
        return settings.requestsGpuSlots() ? stage.slotSharingGroup(slotSharingGroup(settings)) : stage;
    }

    /** The inference slot sharing group: one GPU per slot for {@link DeviceOption#GPU}, no resources else. */
    public static SlotSharingGroup slotSharingGroup(InferenceSettings settings) {
        SlotSharingGroup.Builder group = SlotSharingGroup.newBuilder(SLOT_SHARING_GROUP);
        if (settings.device() == DeviceOption.GPU) {
            group.setCpuCores(settings.slotCpuCores())
                    .setTaskHeapMemory(settings.slotTaskHeap())
                    .setExternalResource(DeviceBinding.GPU_RESOURCE, 1);
        }
        return group.build();
    }
}
