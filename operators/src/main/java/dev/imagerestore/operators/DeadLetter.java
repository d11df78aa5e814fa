package dev.imagerestore.operators;

import dev.imagerestore.operators.internal.RelativePaths;
import dev.imagerestore.operators.internal.TypeInfoFactories;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.util.OutputTag;

/**
 * A file that could not be restored: which file, at which stage, and a reason a user can act on
 * (it names the value, the limit and the fix where there is one). A <em>skipped</em> letter is an
 * entry the job chose not to restore (not an image, a FIFO, an output that exists, ...), reported
 * with {@code "status":"skipped"}; any other letter is a failure.
 *
 * <p>Operators emit dead letters to the side output {@link #OUTPUT_TAG}; the job turns them into
 * report lines with {@link ReportLine#failed(DeadLetter)}. Serialized as three strings by
 * {@link dev.imagerestore.operators.internal.DeadLetterSerializer}.
 *
 * @param file input path relative to the input root
 * @param stage where it failed
 * @param reason what went wrong, one line
 * @param skipped whether the entry was skipped on purpose rather than failed
 */
@TypeInfo(TypeInfoFactories.DeadLetterFactory.class)
public record DeadLetter(String file, PipelineStage stage, String reason, boolean skipped) {

    /** The side output every operator of this module sends its dead letters to. */
    public static final OutputTag<DeadLetter> OUTPUT_TAG = new OutputTag<>("dead-letters", ImageTypes.DEAD_LETTER);

    public DeadLetter {
        RelativePaths.check(file);
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(reason, "reason");
    }

    /** A failure of {@code file} at {@code stage}. */
    public DeadLetter(String file, PipelineStage stage, String reason) {
        this(file, stage, reason, false);
    }

    /** An entry not restored on purpose, with why ("not an image extension", "fifo", ...). */
    public static DeadLetter skipped(String file, PipelineStage stage, String reason) {
        return new DeadLetter(file, stage, reason, true);
    }

    /** A dead letter whose reason is the exception's message (or its class name if it has none). */
    public static DeadLetter of(String file, PipelineStage stage, Throwable error) {
        String message = error.getMessage();
        return new DeadLetter(file, stage, message == null || message.isBlank() ? error.getClass().getName() : message);
    }
}
