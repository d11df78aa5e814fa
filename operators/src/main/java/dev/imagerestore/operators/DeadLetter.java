package dev.imagerestore.operators;

import dev.imagerestore.operators.internal.RelativePaths;
import dev.imagerestore.operators.internal.TypeInfoFactories;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.util.OutputTag;

/**
 * A file that could not be restored: which file, at which stage, and a reason a user can act on
 * (it names the value, the limit and the fix where there is one).
 *
 * <p>Operators emit dead letters to the side output {@link #OUTPUT_TAG}; the job turns them into
 * report lines with {@link ReportLine#failed(DeadLetter)}. Serialized as three strings by
 * {@link dev.imagerestore.operators.internal.DeadLetterSerializer}.
 *
 * @param file input path relative to the input root
 * @param stage where it failed
 * @param reason what went wrong, one line
 */
@TypeInfo(TypeInfoFactories.DeadLetterFactory.class)
public record DeadLetter(String file, PipelineStage stage, String reason) {

    /** The side output every operator of this module sends its dead letters to. */
    public static final OutputTag<DeadLetter> OUTPUT_TAG = new OutputTag<>("dead-letters", ImageTypes.DEAD_LETTER);

    public DeadLetter {
        RelativePaths.check(file);
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(reason, "reason");
    }

    /** A dead letter whose reason is the exception's message (or its class name if it has none). */
    public static DeadLetter of(String file, PipelineStage stage, Throwable error) {
        String message = error.getMessage();
        return new DeadLetter(file, stage, message == null || message.isBlank() ? error.getClass().getName() : message);
    }
}
