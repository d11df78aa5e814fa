package dev.imagerestore.operators.commit;

import java.util.OptionalLong;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.connector.sink2.InitContext;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Where a sink writer starts: its subtask index, the writers' parallelism, and the checkpoint the job
 * was restored from ({@link #NO_CHECKPOINT} for a fresh start and in batch mode).
 *
 * <p>It decides which temporary files left by earlier attempts this writer deletes
 * ({@link #mustDelete}): those whose first possible commit is after the restored checkpoint, so that
 * no restored committable refers to them, written by this subtask index or, after the parallelism
 * was lowered, by an index congruent to it modulo the parallelism (as Flink's Kafka sink shares out
 * the lingering transactions of vanished subtasks). Every index of an earlier attempt therefore has
 * exactly one owner, and an owner never deletes a file another writer of this attempt is writing.
 */
public record WriterAttempt(int subtask, int parallelism, long restoredCheckpointId) {

    /** The restored checkpoint id of a fresh start: the one before Flink's first checkpoint. */
    public static final long NO_CHECKPOINT = InitContext.INITIAL_CHECKPOINT_ID - 1;

    public WriterAttempt {
        if (parallelism < 1 || subtask < 0 || subtask >= parallelism) {
            throw new IllegalArgumentException("subtask " + subtask + " of parallelism " + parallelism
                    + ": the index must be in [0, parallelism)");
        }
        if (restoredCheckpointId < NO_CHECKPOINT) {
            throw new IllegalArgumentException("restored checkpoint id " + restoredCheckpointId + " is below "
                    + NO_CHECKPOINT + ", the id of no checkpoint");
        }
    }

    /** The attempt of the writer Flink is creating with {@code context}. */
    public static WriterAttempt of(WriterInitContext context) {
        return of(context.getTaskInfo(), context.getRestoredCheckpointId());
    }

    /**
     * The attempt of a writing operator of subtask {@code task}, restored from
     * {@code restoredCheckpointId} (empty for a fresh start and in batch mode).
     */
    public static WriterAttempt of(TaskInfo task, OptionalLong restoredCheckpointId) {
        return new WriterAttempt(
                task.getIndexOfThisSubtask(),
                task.getNumberOfParallelSubtasks(),
                restoredCheckpointId.orElse(NO_CHECKPOINT));
    }

    /** The first checkpoint that can commit what this writer writes before it takes part in one. */
    public long firstCheckpointId() {
        return restoredCheckpointId + 1;
    }

    /** Whether a leftover temporary file of {@code origin} belongs to this writer and to no restored committable. */
    public boolean mustDelete(TempFiles.Origin origin) {
        return origin.subtask() % parallelism == subtask && origin.checkpointId() > restoredCheckpointId;
    }
}
