package dev.imagerestore.operators.inference;

import static dev.imagerestore.operators.inference.InferenceHarnesses.function;
import static dev.imagerestore.operators.inference.InferenceHarnesses.settings;
import static dev.imagerestore.operators.inference.TestImages.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.operators.inference.TestImages.Result;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.runtime.clusterframework.types.ResourceProfile;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

class InferenceStageTest {

    @Test
    void gpuStageRunsInTheInferenceGroupWhoseSlotsHoldOneGpuEach() {
        InferenceSettings settings = settings(c -> {
            c.set(InferenceOptions.DEVICE, DeviceOption.GPU);
            c.set(InferenceOptions.SLOT_CPU_CORES, 2.0);
            c.set(InferenceOptions.SLOT_TASK_HEAP, MemorySize.parse("768m"));
        });
        StreamGraph graph = graphWith(settings);

        assertThat(inferenceNode(graph).getSlotSharingGroup()).isEqualTo(InferenceStage.SLOT_SHARING_GROUP);
        ResourceProfile slot = graph.getSlotSharingGroupResource(InferenceStage.SLOT_SHARING_GROUP)
                .orElseThrow();
        assertThat(slot.getExtendedResources()
                        .get(DeviceBinding.GPU_RESOURCE)
                        .getValue()
                        .doubleValue())
                .isEqualTo(1.0);
        assertThat(slot.getCpuCores().getValue().doubleValue()).isEqualTo(2.0);
        assertThat(slot.getTaskHeapMemory()).isEqualTo(MemorySize.parse("768m"));
        assertThat(graph.getSlotSharingGroup(sourceId(graph))).isNotEqualTo(InferenceStage.SLOT_SHARING_GROUP);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(
            value = DeviceOption.class,
            names = {"CPU", "AUTO"})
    void cpuStageSharesTheSlotsOfTheRestOfThePipelineWithoutResourceRequests(DeviceOption device) {
        StreamGraph graph = graphWith(settings(c -> c.set(InferenceOptions.DEVICE, device)));

        assertThat(inferenceNode(graph).getSlotSharingGroup()).isEqualTo(graph.getSlotSharingGroup(sourceId(graph)));
        assertThat(graph.getSlotSharingGroupResource(inferenceNode(graph).getSlotSharingGroup())
                        .map(ResourceProfile::getExtendedResources)
                        .orElse(Map.of()))
                .isEmpty();
    }

    @Test
    void gpuStageOnTheEmbeddedMiniClusterTakesItsGpuFromTheEngineNotFromSlotResources() {
        StreamGraph graph = graphWith(settings(c -> {
            c.set(InferenceOptions.DEVICE, DeviceOption.GPU);
            c.set(InferenceOptions.GPU_ASSIGNMENT, GpuAssignment.ENGINE);
        }));

        assertThat(inferenceNode(graph).getSlotSharingGroup()).isEqualTo(graph.getSlotSharingGroup(sourceId(graph)));
        assertThat(graph.getSlotSharingGroupResource(inferenceNode(graph).getSlotSharingGroup())
                        .map(ResourceProfile::getExtendedResources)
                        .orElse(Map.of()))
                .isEmpty();
    }

    private static StreamGraph graphWith(InferenceSettings settings) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        InferenceStage.apply(
                        env.fromData(image(1, 1, 0.5f)),
                        function(new TestingTileBatchProcessor(), settings),
                        TypeInformation.of(Result.class))
                .sinkTo(new DiscardingSink<>());
        return env.getStreamGraph();
    }

    private static StreamNode inferenceNode(StreamGraph graph) {
        return graph.getStreamNodes().stream()
                .filter(node -> node.getOperatorName().equals(InferenceStage.OPERATOR_NAME))
                .findFirst()
                .orElseThrow();
    }

    private static Integer sourceId(StreamGraph graph) {
        return graph.getSourceIDs().iterator().next();
    }
}
