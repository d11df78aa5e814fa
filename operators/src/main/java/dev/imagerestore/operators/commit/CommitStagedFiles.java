package dev.imagerestore.operators.commit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits files that an upstream operator has already written: its records are
 * {@link FileCommittable}s whose temporary files are on disk, named with the first checkpoint that
 * can commit them ({@link TempFiles}). The writer only collects them and hands them over at the next
 * checkpoint; {@link FileCommitter} renames them once that checkpoint completes.
 *
 * <p>Writing before the sink is what lets the writing operator report a write error in the file's
 * own line (see {@code WriteRestoredFiles}); what is left to the commit is a rename within one
 * directory. The writing operator also deletes, on restore, its temporary files that no restored
 * committable refers to; this sink's writer deletes, when closed, the ones it had not handed over.
 */
public final class CommitStagedFiles implements Sink<FileCommittable>, SupportsCommitter<FileCommittable> {

    private static final long serialVersionUID = 1L;

    @Override
    public CommittingSinkWriter<FileCommittable, FileCommittable> createWriter(WriterInitContext context) {
        return new HandOver();
    }

    @Override
    public Committer<FileCommittable> createCommitter(CommitterInitContext context) {
        return new FileCommitter();
    }

    @Override
    public SimpleVersionedSerializer<FileCommittable> getCommittableSerializer() {
        return FileCommittableSerializer.INSTANCE;
    }

    /** Collects the staged files until Flink asks for the committables of a checkpoint. */
    static final class HandOver implements CommittingSinkWriter<FileCommittable, FileCommittable> {

        private static final Logger LOG = LoggerFactory.getLogger(HandOver.class);

        private final List<FileCommittable> pending = new ArrayList<>();

        @Override
        public void write(FileCommittable staged, Context context) {
            pending.add(staged);
        }

        @Override
        public void flush(boolean endOfInput) {
            // The files are on disk already.
        }

        @Override
        public Collection<FileCommittable> prepareCommit() {
            List<FileCommittable> ready = List.copyOf(pending);
            pending.clear();
            return ready;
        }

        @Override
        public void close() {
            for (FileCommittable c : pending) {
                IOException failure = TempFiles.deleteQuietly(c.temporary());
                if (failure != null) {
                    LOG.warn("could not delete uncommitted temporary file {}: {}", c.temporary(), failure.toString());
                }
            }
            pending.clear();
        }
    }
}
