package dev.imagerestore.operators.report.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.PipelineStage;
import dev.imagerestore.operators.ReportLine;
import dev.imagerestore.operators.sink.internal.FileCommittable;
import dev.imagerestore.operators.sink.internal.FileCommitter;
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

    @TempDir
    Path report;

    @Test
    void eachCheckpointPeriodCommitsOnePartOfJsonLines() throws IOException {
        ReportWriter writer = new ReportWriter(report, 3);
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
        assertThat(lines).containsExactlyInAnyOrder(line("a.png").toJson(), line("b.png").toJson(), line("c.png").toJson());
    }

    @Test
    void twoWritersOfTheSameSubtaskNeverCollide() throws IOException {
        ReportWriter before = new ReportWriter(report, 0);
        ReportWriter after = new ReportWriter(report, 0);
        before.write(line("a.png"), null);
        after.write(line("b.png"), null);

        commitAll(before.prepareCommit(), after.prepareCommit());

        assertThat(parts()).hasSize(2);
    }

    @Test
    void anAbortedWriterLeavesNoPart() throws IOException {
        ReportWriter writer = new ReportWriter(report, 0);
        writer.write(line("a.png"), null);

        writer.close();

        try (Stream<Path> files = Files.list(report)) {
            assertThat(files).isEmpty();
        }
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
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }
}
