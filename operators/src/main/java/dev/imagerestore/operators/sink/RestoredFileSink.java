package dev.imagerestore.operators.sink;

import dev.imagerestore.operators.RestoredImage;
import dev.imagerestore.operators.commit.TwoPhaseFileSink;
import dev.imagerestore.operators.commit.WriterAttempt;
import dev.imagerestore.operators.report.ReportSink;
import dev.imagerestore.operators.sink.internal.RestoredFileWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes each {@link RestoredImage} to {@code <output>/<outputPath>}, exactly once, with a
 * two-phase commit (Sink V2 with a committer).
 *
 * <ol>
 *   <li>The writer writes the bytes to a hidden temporary file
 *       {@code .<name>.s<subtask>-c<checkpoint>-<uuid>.inprogress} in the target directory and forces
 *       it to disk; {@code <checkpoint>} is the first checkpoint that can commit it.
 *   <li>At a checkpoint (streaming) or the end of input (batch), the committables (temporary path,
 *       target path, overwrite flag) go to the committer, which renames atomically once the
 *       checkpoint is complete. Replays are idempotent.
 * </ol>
 * Continuous runs write through this sink. A bounded run has no checkpoint to wait for: it writes
 * and commits each file before its report line with {@link WriteRestoredFiles} instead.
 *
 * <p><b>Recovery.</b> As in Flink's own file sink, a writer that starts (restored from checkpoint
 * {@code n}, or fresh with {@code n = 0}, as in batch mode) first deletes the temporary files of its
 * subtask index, and of higher indexes congruent to it after a lower parallelism, whose
 * {@code <checkpoint>} is above {@code n}: no restored committable refers to them, so they are the
 * leftovers of a killed writer. Files of restored committables are left for the committer to rename.
 * One output folder is written by one job at a time.
 *
 * <p><b>Existing outputs</b> are never replaced unless {@link Builder#optOverwrite overwrite} is on.
 * Decision: the job checks before doing any work ({@link ExistingOutputFilter} turns such inputs
 * into a dead letter whose report line says the output exists); the committer enforces the rule
 * again atomically, keeping a file that appeared in between and logging a warning.
 *
 * <p>The output must be a local or mounted POSIX-like file system (atomic rename in a directory).
 */
public final class RestoredFileSink extends TwoPhaseFileSink<RestoredImage, RestoredFileWriter> {

    private static final long serialVersionUID = 1L;

    private final String outputRoot;
    private final boolean overwrite;

    private RestoredFileSink(String outputRoot, boolean overwrite) {
        this.outputRoot = outputRoot;
        this.overwrite = overwrite;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public RestoredFileWriter createWriter(WriterInitContext context) throws IOException {
        Path root = Path.of(outputRoot);
        return new RestoredFileWriter(root, root.resolve(ReportSink.DIRECTORY), overwrite, WriterAttempt.of(context));
    }

    /** Builder of {@link RestoredFileSink}s. */
    public static final class Builder {

        private Path outputDirectory;
        private boolean overwrite;

        private Builder() {}

        /** The output root; created if missing. */
        public Builder setOutputDirectory(Path directory) {
            this.outputDirectory = Objects.requireNonNull(directory, "directory")
                    .toAbsolutePath()
                    .normalize();
            return this;
        }

        /** Whether existing outputs may be replaced (default false). */
        public Builder optOverwrite(boolean replace) {
            this.overwrite = replace;
            return this;
        }

        public RestoredFileSink build() {
            if (outputDirectory == null) {
                throw new IllegalStateException("the output directory is required: call setOutputDirectory(...)");
            }
            return new RestoredFileSink(outputDirectory.toString(), overwrite);
        }
    }
}
