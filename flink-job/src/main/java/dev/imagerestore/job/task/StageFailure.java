package dev.imagerestore.job.task;

import dev.imagerestore.operators.PipelineStage;
import java.util.Objects;

/**
 * A failure a task attributes to another stage than inference (a depth file beside the image that
 * cannot be read is the decode stage's); the report names that stage and the cause's message.
 */
public final class StageFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final PipelineStage stage;

    public StageFailure(PipelineStage stage, Throwable cause) {
        super(Objects.requireNonNull(cause, "cause").getMessage(), cause);
        this.stage = Objects.requireNonNull(stage, "stage");
    }

    public PipelineStage stage() {
        return stage;
    }
}
