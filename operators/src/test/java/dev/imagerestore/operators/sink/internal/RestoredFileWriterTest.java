package dev.imagerestore.operators.sink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.RestoredImage;
import dev.imagerestore.operators.SideFile;
import dev.imagerestore.operators.commit.FileCommittable;
import dev.imagerestore.operators.commit.FileCommitter;
import dev.imagerestore.operators.commit.TempFiles;
import dev.imagerestore.operators.commit.WriterAttempt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoredFileWriterTest {

    private static final WriterAttempt FRESH = new WriterAttempt(0, 1, 0);

    @TempDir
    Path out;

    @Test
    void writtenFilesStayHiddenUntilCommitted() throws IOException {
        RestoredFileWriter writer = writer(FRESH);
        writer.write(image("a/b/one.png", new byte[] {1, 2}), null);
        writer.write(image("two.png", new byte[] {3}), null);

        assertThat(visibleFiles()).isEmpty();
        Collection<FileCommittable> committables = writer.prepareCommit();
        assertThat(committables)
                .hasSize(2)
                .allMatch(c -> c.temporary().getFileName().toString().startsWith("."));
        assertThat(writer.prepareCommit()).isEmpty();

        for (FileCommittable c : committables) {
            FileCommitter.commit(c);
        }
        writer.close();
        assertThat(visibleFiles()).containsExactly("a/b/one.png", "two.png");
        assertThat(Files.readAllBytes(out.resolve("a/b/one.png"))).containsExactly(1, 2);
        assertThat(allFiles()).hasSize(2);
    }

    @Test
    void aSideFileIsWrittenAndCommittedWithItsImage() throws IOException {
        RestoredFileWriter atCheckpoints = new RestoredFileWriter(out, out.resolve("_report"), true, FRESH);
        atCheckpoints.write(
                image("b.png", new byte[] {3}).withSideFile(new SideFile("b.mask.png", new byte[] {4})), null);
        assertThat(visibleFiles()).as("both wait for the commit").doesNotContain("b.png", "b.mask.png");
        assertThat(atCheckpoints.prepareCommit())
                .extracting(FileCommittable::target)
                .containsExactly(
                        out.resolve("b.png").toAbsolutePath().normalize(),
                        out.resolve("b.mask.png").toAbsolutePath().normalize());
        atCheckpoints.close();
    }

    @Test
    void anAbortedWriterLeavesNoFilesAtAll() throws IOException {
        RestoredFileWriter writer = writer(FRESH);
        writer.write(image("x/never.png", new byte[] {9}), null);

        writer.close();

        assertThat(allFiles()).isEmpty();
    }

    @Test
    void temporaryFilesNameTheirSubtaskAndTheFirstCheckpointThatCanCommitThem() throws IOException {
        RestoredFileWriter writer = writer(new WriterAttempt(1, 2, 6));
        List<TempFiles.Origin> origins = new ArrayList<>();

        writer.write(image("a.png", new byte[] {1}), null);
        origins.add(originOf(writer.prepareCommit()));
        writer.snapshotState(7);
        writer.write(image("b.png", new byte[] {2}), null);
        origins.add(originOf(writer.prepareCommit()));
        writer.snapshotState(9);
        writer.write(image("c.png", new byte[] {3}), null);
        origins.add(originOf(writer.prepareCommit()));

        assertThat(writer.snapshotState(10)).as("the writers keep no state").isEmpty();
        assertThat(origins)
                .containsExactly(new TempFiles.Origin(1, 7), new TempFiles.Origin(1, 8), new TempFiles.Origin(1, 10));
    }

    @Test
    void aRestoredWriterDeletesItsFilesWrittenAfterTheRestoredCheckpointAndKeepsThoseOfRestoredCommittables()
            throws IOException {
        RestoredFileWriter killed = writer(new WriterAttempt(0, 2, 0));
        RestoredFileWriter other = writer(new WriterAttempt(1, 2, 0));
        killed.write(image("a.png", new byte[] {1}), null);
        Collection<FileCommittable> inCheckpoint1 = killed.prepareCommit();
        killed.snapshotState(1);
        killed.write(image("d/b.png", new byte[] {2}), null);
        killed.prepareCommit(); // handed over for checkpoint 2, which never completes
        killed.snapshotState(2);
        killed.write(image("d/e/c.png", new byte[] {3}), null);
        other.snapshotState(1);
        other.write(image("d/other.png", new byte[] {4}), null);
        Path otherFile = single(other.prepareCommit()).temporary();
        other.close(); // the other subtask's file is in its committable of checkpoint 2, and stays
        List<String> unrelated = List.of(".notes.txt", "d/.b.png.0f8e3c2a-1b2c-4d5e-8f90-123456789abc.inprogress");
        for (String name : unrelated) {
            Files.writeString(out.resolve(name), "not ours");
        }

        writer(new WriterAttempt(0, 2, 1)).close();

        assertThat(hiddenFiles())
                .containsExactlyInAnyOrder(
                        out.relativize(single(inCheckpoint1).temporary()).toString(),
                        out.relativize(otherFile).toString().replace('\\', '/'),
                        unrelated.get(0),
                        unrelated.get(1));
        FileCommitter.commit(single(inCheckpoint1));
        assertThat(visibleFiles()).containsExactly("a.png");
    }

    @Test
    void aFreshWriterDeletesEveryLeftoverOfItsSubtaskButNotTheSkippedDirectory() throws IOException {
        RestoredFileWriter killed = writer(new WriterAttempt(0, 1, 4));
        killed.write(image("a.png", new byte[] {1}), null);
        killed.snapshotState(5);
        killed.write(image("b/c.png", new byte[] {2}), null);
        Path report = Files.createDirectories(out.resolve("_report"));
        Path reportPart = TempFiles.temporaryFor(report.resolve("part-0-abc-0.jsonl"), new TempFiles.Origin(0, 6));
        TempFiles.writeDurably(reportPart, new ByteArrayInputStream(new byte[] {5}));

        writer(FRESH).close();

        assertThat(allFiles()).containsExactly("_report/" + reportPart.getFileName());
    }

    @Test
    void afterALowerParallelismEachWriterDeletesTheLeftoversOfTheIndexesCongruentToItsOwn() throws IOException {
        List<Path> leftovers = new ArrayList<>();
        for (int subtask = 0; subtask < 4; subtask++) {
            RestoredFileWriter killed = writer(new WriterAttempt(subtask, 4, 3));
            killed.write(image("s" + subtask + ".png", new byte[] {1}), null);
            leftovers.add(single(killed.prepareCommit()).temporary());
        }

        writer(new WriterAttempt(1, 2, 3)).close();

        assertThat(leftovers).map(Files::exists).containsExactly(true, false, true, false);
        writer(new WriterAttempt(0, 2, 3)).close();
        assertThat(allFiles()).isEmpty();
    }

    @Test
    void outputPathsCannotEscapeTheOutputRoot() {
        assertThatThrownBy(() -> image("../escape.png", new byte[] {1}))
                .hasMessageContaining("must not be absolute or contain empty, '.' or '..' segments");
    }

    private RestoredFileWriter writer(WriterAttempt attempt) throws IOException {
        return new RestoredFileWriter(out, out.resolve("_report"), false, attempt);
    }

    private static RestoredImage image(String path, byte[] bytes) {
        return new RestoredImage(
                path, path, OutputFormat.PNG, bytes, 1, 1, 8, "copy", OptionalDouble.empty(), Map.of());
    }

    private static FileCommittable single(Collection<FileCommittable> committables) {
        assertThat(committables).hasSize(1);
        return committables.iterator().next();
    }

    private static TempFiles.Origin originOf(Collection<FileCommittable> committables) {
        return TempFiles.originOf(single(committables).temporary()).orElseThrow();
    }

    private List<String> visibleFiles() throws IOException {
        return allFiles().stream()
                .filter(p -> !p.substring(p.lastIndexOf('/') + 1).startsWith("."))
                .toList();
    }

    private List<String> hiddenFiles() throws IOException {
        return allFiles().stream()
                .filter(p -> p.substring(p.lastIndexOf('/') + 1).startsWith("."))
                .toList();
    }

    private List<String> allFiles() throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> out.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }
}
