package dev.imagerestore.operators.report;

import dev.imagerestore.operators.ReportLine;
import dev.imagerestore.operators.commit.TwoPhaseFileSink;
import dev.imagerestore.operators.commit.WriterAttempt;
import dev.imagerestore.operators.report.internal.ReportWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes the run report as JSON lines to {@code <output>/_report/part-<subtask>-<run>-<n>.jsonl},
 * exactly once: lines go to a hidden temporary part file, which is committed by an atomic rename
 * when the checkpoint completes (streaming) or at the end of input (batch; and every
 * {@link Builder#optCommitInterval} while it runs, where one is set), with the same committer
 * as the restored files ({@link dev.imagerestore.operators.commit.CommitStagedFiles}). A report line therefore becomes
 * visible in the same checkpoint as the output it describes. The line schema is
 * {@link ReportLine}'s, each line carrying the run id ({@link Builder#optRunId}); the source never
 * reads {@code _report}.
 */
public final class ReportSink extends TwoPhaseFileSink<ReportLine, ReportWriter> {

    /** The report directory's name under the output root. */
    public static final String DIRECTORY = "_report";

    private static final long serialVersionUID = 1L;

    private final String reportDirectory;
    private final String runId;
    private final Duration commitInterval;

    private ReportSink(String reportDirectory, String runId, Duration commitInterval) {
        this.reportDirectory = reportDirectory;
        this.runId = runId;
        this.commitInterval = commitInterval;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ReportWriter createWriter(WriterInitContext context) throws IOException {
        return new ReportWriter(Path.of(reportDirectory), runId, WriterAttempt.of(context), commitInterval);
    }

    /** Builder of {@link ReportSink}s. */
    public static final class Builder {

        private Path outputDirectory;
        private String runId;
        private Duration commitInterval;

        private Builder() {}

        /** The job's output root; the report goes to its {@code _report} directory. */
        public Builder setOutputDirectory(Path directory) {
            this.outputDirectory = Objects.requireNonNull(directory, "directory")
                    .toAbsolutePath()
                    .normalize();
            return this;
        }

        /** The id written on every line as {@code "run"} (default: a random UUID per built sink). */
        public Builder optRunId(String id) {
            Objects.requireNonNull(id, "id");
            if (id.isBlank()) {
                throw new IllegalArgumentException("run id must not be blank");
            }
            this.runId = id;
            return this;
        }

        /**
         * For bounded runs, which have no checkpoints: the writer commits its report part itself
         * at the first line once {@code interval} has passed since the part was opened, so a run
         * killed midway keeps its report up to then (default: commit only at checkpoints and at
         * the end of input).
         */
        public Builder optCommitInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("report commit interval must not be negative, got " + interval);
            }
            this.commitInterval = interval;
            return this;
        }

        public ReportSink build() {
            if (outputDirectory == null) {
                throw new IllegalStateException("the output directory is required: call setOutputDirectory(...)");
            }
            return new ReportSink(
                    outputDirectory.resolve(DIRECTORY).toString(),
                    runId == null ? UUID.randomUUID().toString() : runId,
                    commitInterval);
        }
    }
}
