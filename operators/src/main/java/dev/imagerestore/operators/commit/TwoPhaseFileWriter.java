package dev.imagerestore.operators.commit;

import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;

/**
 * Base of the writers of a {@link TwoPhaseFileSink}, which write hidden temporary files and hand them to
 * {@link FileCommitter} as {@link FileCommittable}s: it names each temporary file with the writer's
 * subtask and the first checkpoint that can commit it ({@link #temporaryFor}), which lets a writer
 * restored later delete the files that belong to no restored committable ({@link OrphanedTempFiles}).
 *
 * <p>The writers keep no state of their own: every file a checkpoint covers was handed to the
 * committer by {@link #prepareCommit()} before it, and the committer's state keeps it. They are
 * {@link StatefulSinkWriter}s only because {@link #snapshotState} is how Flink tells a writer the id
 * of each checkpoint it takes part in; the state they return is always empty
 * ({@link NoWriterStateSerializer}).
 *
 * <p>Threading: Flink calls a writer from its task thread only.
 *
 * @param <IN> the records written
 */
public abstract class TwoPhaseFileWriter<IN>
        implements CommittingSinkWriter<IN, FileCommittable>, StatefulSinkWriter<IN, Void> {

    private final WriterAttempt attempt;
    private final TemporaryNames names;

    protected TwoPhaseFileWriter(WriterAttempt attempt) {
        this.attempt = attempt;
        this.names = new TemporaryNames(attempt);
    }

    protected final WriterAttempt attempt() {
        return attempt;
    }

    /** A fresh temporary path for {@code target}, tagged with this subtask and the next checkpoint. */
    protected final Path temporaryFor(Path target) {
        return names.temporaryFor(target);
    }

    /** Records that checkpoint {@code checkpointId} is taken: files written from now on are committed after it. */
    @Override
    public final List<Void> snapshotState(long checkpointId) {
        names.checkpointTaken(checkpointId);
        return List.of();
    }
}
