package dev.imagerestore.operators.inference;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/** Where the inference stage runs its model, as {@link InferenceOptions#DEVICE} selects it. */
public enum DeviceOption implements DescribedEnum {
    AUTO("A GPU when Flink assigned the subtask one (external resource 'gpu') and the DJL engine sees a GPU; "
            + "the CPU otherwise."),
    CPU("The CPU, with inference.cpu-threads intra-op threads."),
    GPU("The GPU Flink assigned to the subtask; the stage requests one per slot and fails to open without it.");

    private final String description;

    DeviceOption(String description) {
        this.description = description;
    }

    @Override
    public InlineElement getDescription() {
        return text(description);
    }
}
