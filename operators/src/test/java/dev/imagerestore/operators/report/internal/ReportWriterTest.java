package dev.imagerestore.operators.report.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.PipelineStage;
import dev.imagerestore.operators.ReportLine;
import dev.imagerestore.operators.commit.FileCommittable;
import dev.imagerestore.operators.commit.FileCommitter;
import dev.imagerestore.operators.commit.WriterAttempt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    private static final WriterAttempt FRESH = new WriterAttempt(0, 1, 0);

    @TempDir
    Path report;

    @Test
    void eachCheckpointPeriodCommitsOnePartOfJsonLines() throws IOException {
        ReportWriter writer = new ReportWriter(report, "run-1", new WriterAttempt(3, 4, 0));
        writer.write(line("a.png"), null);
        writer.write(line("b.png"), null);
        Collection<FileCommittable> first = writer.prepareCommit();
        assertThat(writer.prepareCommit()).isEmpty();
        writer.write(line("c.png"), null);
        Collection<FileCommittable> second = writer.prepareCommit();

        assertThat(parts()).isEmpty();
        commitAll(first, second);
        commitAll(first, second);

        List<String> parts = parts();
        assertThat(parts).hasSize(2).allMatch(name -> name.matches("part-3-[0-9a-f]{8}-[01]\\.jsonl"));
        List<String> lines = new ArrayList<>();
        for (String part : parts) {
            lines.addAll(Files.readAllLines(report.resolve(part)));
        }
        assertThat(lines)
                .as("each line carries the run id")
                .containsExactlyInAnyOrder(written("a.png"), written("b.png"), written("c.png"));
    }

    @Test
    void withACommitIntervalTheWriterCommitsItsPartsWhileItRuns() throws IOException {
        ReportWriter writer = new ReportWriter(report, "run-1", FRESH, java.time.Duration.ZERO);
        writer.write(line("a.png"), null);
        assertThat(parts())
                .as("committed as soon as written, before any checkpoint or end of input")
                .hasSize(1);
        writer.write(line("b.png"), null);
        assertThat(parts()).hasSize(2);
        assertThat(writer.prepareCommit()).as("nothing left open").isEmpty();
        writer.close();
        List<String> lines = new ArrayList<>();
        for (String part : parts()) {
            lines.addAll(Files.readAllLines(report.resolve(part)));
        }
        assertThat(lines).containsExactlyInAnyOrder(written("a.png"), written("b.png"));

        ReportWriter hourly = new ReportWriter(report.resolve("h"), "run-1", FRESH, java.time.Duration.ofHours(1));
        hourly.write(line("c.png"), null);
        assertThat(report.resolve("h")).isDirectoryNotContaining("glob:**/part-*.jsonl");
        assertThat(hourly.prepareCommit()).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new ReportWriter(report, "run-1", FRESH, java.time.Duration.ofSeconds(-1)))
                .hasMessageContaining("PT-1S");
    }

    @Test
    void twoWritersOfTheSameSubtaskNeverCollide() throws IOException {
        ReportWriter before = new ReportWriter(report, "run-1", FRESH);
        ReportWriter after = new ReportWriter(report, "run-1", FRESH);
        before.write(line("a.png"), null);
        after.write(line("b.png"), null);

        commitAll(before.prepareCommit(), after.prepareCommit());

        assertThat(parts()).hasSize(2);
    }

    @Test
    void anAbortedWriterLeavesNoPart() throws IOException {
        ReportWriter writer = new ReportWriter(report, "run-1", FRESH);
        writer.write(line("a.png"), null);

        writer.close();

        try (Stream<Path> files = Files.list(report)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aRestoredWriterDeletesTheOrphanedPartsOfItsSubtaskOnly() throws IOException {
        ReportWriter killed = new ReportWriter(report, "run-1", new WriterAttempt(1, 2, 0));
        killed.write(line("a.png"), null);
        Collection<FileCommittable> inCheckpoint1 = killed.prepareCommit();
        killed.snapshotState(1);
        killed.write(line("b.png"), null);
        killed.flush(false);
        ReportWriter other = new ReportWriter(report, "run-1", new WriterAttempt(0, 2, 1));
        other.write(line("c.png"), null);
        other.flush(false);
        long hiddenBefore = hiddenCount();

        new ReportWriter(report, "run-1", new WriterAttempt(1, 2, 1)).close();

        assertThat(hiddenCount()).as("the killed writer's open part is gone").isEqualTo(hiddenBefore - 1);
        commitAll(inCheckpoint1, other.prepareCommit());
        List<String> lines = new ArrayList<>();
        for (String part : parts()) {
            lines.addAll(Files.readAllLines(report.resolve(part)));
        }
        assertThat(lines).containsExactlyInAnyOrder(written("a.png"), written("c.png"));
    }

    private long hiddenCount() throws IOException {
        try (Stream<Path> files = Files.list(report)) {
            return files.filter(p -> p.getFileName().toString().startsWith(".")).count();
        }
    }

    private static String written(String file) {
        return line(file).toJson().replace("}", ",\"run\":\"run-1\"}");
    }

    private static ReportLine line(String file) {
        return ReportLine.failed(new DeadLetter(file, PipelineStage.DECODE, file + ": file is empty"));
    }

    @SafeVarargs
    private static void commitAll(Collection<FileCommittable>... batches) throws IOException {
        for (Collection<FileCommittable> batch : batches) {
            for (FileCommittable c : batch) {
                FileCommitter.commit(c);
            }
        }
    }

    private List<String> parts() throws IOException {
        try (Stream<Path> files = Files.list(report)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("."))
                    .sorted()
                    .toList();
        }
    }
}
