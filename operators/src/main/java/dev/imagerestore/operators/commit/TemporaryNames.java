package dev.imagerestore.operators.commit;

import java.nio.file.Path;

/**
 * The temporary names one writer gives its files ({@link TempFiles}): each tagged with the writer's
 * subtask and the first checkpoint that can commit it, which is the one after the last checkpoint
 * the writer took part in. A restored writer tells its own leftovers by these tags
 * ({@link WriterAttempt#mustDelete}). Mutable and confined to the writer's task thread.
 */
public final class TemporaryNames {

    private final int subtask;
    private long nextCheckpointId;

    /** The names of the writer starting as {@code attempt}: before its first checkpoint, those of the one after the restored one. */
    public TemporaryNames(WriterAttempt attempt) {
        this.subtask = attempt.subtask();
        this.nextCheckpointId = attempt.firstCheckpointId();
    }

    /** A fresh temporary path for {@code target}, tagged with this subtask and the next checkpoint. */
    public Path temporaryFor(Path target) {
        return TempFiles.temporaryFor(target, new TempFiles.Origin(subtask, nextCheckpointId));
    }

    /** Records that checkpoint {@code checkpointId} is taken: files named from now on are committed after it. */
    public void checkpointTaken(long checkpointId) {
        nextCheckpointId = checkpointId + 1;
    }
}
