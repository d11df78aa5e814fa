package dev.imagerestore.operators.report.internal;

import dev.imagerestore.operators.ReportLine;
import dev.imagerestore.operators.commit.FileCommittable;
import dev.imagerestore.operators.commit.FileCommitter;
import dev.imagerestore.operators.commit.OrphanedTempFiles;
import dev.imagerestore.operators.commit.TempFiles;
import dev.imagerestore.operators.commit.TwoPhaseFileWriter;
import dev.imagerestore.operators.commit.WriterAttempt;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First phase of {@link dev.imagerestore.operators.report.ReportSink}: appends JSON lines to one
 * hidden temporary part file per checkpoint period; {@link #prepareCommit()} closes it, forces it
 * to disk and hands it over to be renamed to {@code part-<subtask>-<run>-<n>.jsonl}. {@code <run>}
 * is random per writer instance and {@code <n>} counts the parts of this writer, so names never
 * collide across subtasks, restarts or runs into the same output; a period without lines writes
 * no part. Each line is written with the job's run id ({@link ReportLine#withRun}), so that lines of
 * several runs into one output folder can be told apart.
 *
 * <p>With a commit interval (bounded runs, which have no checkpoints and would otherwise commit
 * the whole report only when the input ends), a part is closed and renamed into place by the writer
 * itself at the first line written once the interval has passed since the part was opened, and at
 * the end; a run killed midway keeps its report up to that interval before the kill, as the file
 * sink keeps the files it finished.
 *
 * <p>A new writer first deletes the temporary parts of its earlier attempts that no restored
 * committable refers to ({@link OrphanedTempFiles}); on {@link #close()} an open (uncommitted) part
 * is deleted. Threading: task thread only.
 */
public final class ReportWriter extends TwoPhaseFileWriter<ReportLine> {

    private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);

    private final Path reportDirectory;
    private final String runId;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Duration commitInterval;
    private long parts;
    private long openedNanos;
    private Path target;
    private Path temporary;
    private FileChannel channel;
    private Writer writer;

    /**
     * Creates the writer of {@code attempt}, writing lines of run {@code runId}, after deleting its
     * orphaned parts in {@code reportDirectory}.
     */
    public ReportWriter(Path reportDirectory, String runId, WriterAttempt attempt) throws IOException {
        this(reportDirectory, runId, attempt, null);
    }

    /**
     * As {@link #ReportWriter(Path, String, WriterAttempt)}, committing a part itself once
     * {@code commitInterval} has passed since it was opened (null: only when Flink asks).
     */
    public ReportWriter(Path reportDirectory, String runId, WriterAttempt attempt, Duration commitInterval)
            throws IOException {
        super(attempt);
        if (commitInterval != null && commitInterval.isNegative()) {
            throw new IllegalArgumentException("report commit interval must not be negative, got " + commitInterval);
        }
        this.commitInterval = commitInterval;
        this.runId = Objects.requireNonNull(runId, "runId");
        this.reportDirectory = reportDirectory.toAbsolutePath().normalize();
        OrphanedTempFiles.delete(this.reportDirectory, 1, null, attempt);
    }

    @Override
    public void write(ReportLine line, Context context) throws IOException {
        if (writer == null) {
            open();
        }
        writer.write(line.withRun(runId).toJson());
        writer.write('\n');
        if (commitInterval != null && System.nanoTime() - openedNanos >= commitInterval.toNanos()) {
            for (FileCommittable part : prepareCommit()) {
                FileCommitter.commit(part);
            }
        }
    }

    private void open() throws IOException {
        Files.createDirectories(reportDirectory);
        String name =
                String.format(Locale.ROOT, "part-%d-%s-%d.jsonl", attempt().subtask(), run, parts++);
        target = reportDirectory.resolve(name);
        temporary = temporaryFor(target);
        channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        writer = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8));
        openedNanos = System.nanoTime();
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
        if (writer != null) {
            writer.flush();
        }
    }

    @Override
    public Collection<FileCommittable> prepareCommit() throws IOException {
        if (writer == null) {
            return List.of();
        }
        writer.flush();
        channel.force(true);
        writer.close();
        FileCommittable part = new FileCommittable(temporary, target, false);
        writer = null;
        return List.of(part);
    }

    @Override
    public void close() {
        if (writer == null) {
            return;
        }
        try {
            writer.close();
        } catch (IOException e) {
            LOG.warn("could not close uncommitted report part {}: {}", temporary, e.toString());
        }
        IOException failure = TempFiles.deleteQuietly(temporary);
        if (failure != null) {
            LOG.warn("could not delete uncommitted report part {}: {}", temporary, failure.toString());
        }
        writer = null;
    }
}
