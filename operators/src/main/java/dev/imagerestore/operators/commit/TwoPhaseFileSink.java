package dev.imagerestore.operators.commit;

import java.io.IOException;
import java.util.Collection;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A committing file sink that writes in its own writer (the run report's): writers that put
 * hidden temporary files next to their targets ({@link TwoPhaseFileWriter}), one {@link FileCommitter}
 * that renames them, and writer state that is always empty. A restored writer is a fresh one: it
 * learns the restored checkpoint from its context and deletes the lost attempt's leftovers.
 *
 * @param <IN> the records the sink writes
 * @param <W> its writer
 */
public abstract class TwoPhaseFileSink<IN, W extends TwoPhaseFileWriter<IN>>
        implements Sink<IN>, SupportsCommitter<FileCommittable>, SupportsWriterState<IN, Void> {

    private static final long serialVersionUID = 1L;

    @Override
    public abstract W createWriter(WriterInitContext context) throws IOException;

    /** Writers keep no state (see {@link TwoPhaseFileWriter}): a restored writer is a new one that cleans up. */
    @Override
    public final W restoreWriter(WriterInitContext context, Collection<Void> recoveredState) throws IOException {
        return createWriter(context);
    }

    @Override
    public final SimpleVersionedSerializer<Void> getWriterStateSerializer() {
        return NoWriterStateSerializer.INSTANCE;
    }

    @Override
    public final Committer<FileCommittable> createCommitter(CommitterInitContext context) {
        return new FileCommitter();
    }

    @Override
    public final SimpleVersionedSerializer<FileCommittable> getCommittableSerializer() {
        return FileCommittableSerializer.INSTANCE;
    }
}
