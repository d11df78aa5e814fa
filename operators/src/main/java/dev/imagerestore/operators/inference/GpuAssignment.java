package dev.imagerestore.operators.inference;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/**
 * How a subtask of the inference stage finds its GPU, as {@link InferenceOptions#GPU_ASSIGNMENT}
 * selects it.
 *
 * <p>On a cluster, GPUs are a resource of the TaskManagers that Flink hands out per slot (its
 * external resource framework and GPU driver). On one machine, the embedded mini cluster has no such
 * set-up and needs none: every subtask runs in the one JVM, which sees the machine's GPUs through the
 * DJL engine, so the subtasks are spread over them by subtask index. {@code restore} picks
 * {@link #ENGINE} itself when it runs the job on the embedded mini cluster.
 */
public enum GpuAssignment implements DescribedEnum {
    EXTERNAL_RESOURCE("The GPU Flink assigned to the subtask's slot (external resource 'gpu'): the stage requests "
            + "one GPU per slot. For clusters."),
    ENGINE("The GPUs the DJL engine sees in this JVM, subtask i on GPU i mod their number; no slot resources. For "
            + "the embedded mini cluster of java -jar.");

    private final String description;

    GpuAssignment(String description) {
        this.description = description;
    }

    @Override
    public InlineElement getDescription() {
        return text(description);
    }
}
