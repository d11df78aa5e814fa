package dev.imagerestore.operators.commit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.operators.commit.FileCommitter.Outcome;
import dev.imagerestore.operators.commit.RecordingCommitRequest.Signal;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCommitterTest {

    @TempDir
    Path dir;

    @Test
    void commitRenamesTheTemporaryFileAndASecondCommitIsAReplay() throws IOException {
        FileCommittable c = staged("out.png", "new", false);

        assertThat(FileCommitter.commit(c)).isEqualTo(Outcome.COMMITTED);
        assertThat(FileCommitter.commit(c)).isEqualTo(Outcome.ALREADY_COMMITTED);

        assertThat(Files.readString(dir.resolve("out.png"))).isEqualTo("new");
        assertThat(visibleAndHidden()).containsExactly("out.png");
    }

    @Test
    void replayWithOverwriteIsIdempotentToo() throws IOException {
        Files.writeString(dir.resolve("out.png"), "old");
        FileCommittable c = staged("out.png", "new", true);

        assertThat(FileCommitter.commit(c)).isEqualTo(Outcome.COMMITTED);
        assertThat(FileCommitter.commit(c)).isEqualTo(Outcome.ALREADY_COMMITTED);
        assertThat(Files.readString(dir.resolve("out.png"))).isEqualTo("new");
    }

    @Test
    void anExistingOutputIsKeptWhenOverwriteIsOff() throws IOException {
        Files.writeString(dir.resolve("out.png"), "old");
        FileCommittable c = staged("out.png", "new", false);
        RecordingCommitRequest<FileCommittable> request = new RecordingCommitRequest<>(c, 0);

        new FileCommitter().commit(List.of(request));

        assertThat(Files.readString(dir.resolve("out.png"))).isEqualTo("old");
        assertThat(visibleAndHidden()).containsExactly("out.png");
        assertThat(request.signal).isEqualTo(Signal.KNOWN_FAILURE);
        assertThat(request.failure).hasMessageContaining("exists and overwrite is off");
    }

    @Test
    void replayAfterTheLinkButBeforeTheDeleteIsRecognisedAsOurs() throws IOException {
        FileCommittable c = staged("out.png", "new", false);
        Files.createLink(c.target(), c.temporary());

        assertThat(FileCommitter.commit(c)).isEqualTo(Outcome.ALREADY_COMMITTED);
        assertThat(visibleAndHidden()).containsExactly("out.png");
    }

    @Test
    void committerSignalsAlreadyCommittedAndLostFiles() throws IOException {
        FileCommittable done = staged("a.png", "a", false);
        FileCommitter.commit(done);
        FileCommittable lost = staged("b.png", "b", false);
        Files.delete(lost.temporary());
        RecordingCommitRequest<FileCommittable> replay = new RecordingCommitRequest<>(done, 0);
        RecordingCommitRequest<FileCommittable> vanished = new RecordingCommitRequest<>(lost, 0);

        new FileCommitter().commit(List.of(replay, vanished));

        assertThat(replay.signal).isEqualTo(Signal.ALREADY_COMMITTED);
        assertThat(vanished.signal).isEqualTo(Signal.KNOWN_FAILURE);
        assertThat(vanished.failure).hasMessageContaining("vanished before its commit");
    }

    @Test
    void ioErrorsAreRetriedThenGiveUpThatFileWithoutFailingTheJob() throws IOException {
        FileCommittable c = staged("sub/x.png", "x", true);
        Files.delete(c.temporary());
        Files.createDirectory(c.temporary());
        Files.writeString(c.temporary().resolve("blocker"), "a non-empty directory cannot be moved over a file");
        Files.writeString(c.target(), "existing");
        RecordingCommitRequest<FileCommittable> first = new RecordingCommitRequest<>(c, 0);
        RecordingCommitRequest<FileCommittable> last = new RecordingCommitRequest<>(c, FileCommitter.MAX_RETRIES);

        new FileCommitter().commit(List.of(first));
        new FileCommitter().commit(List.of(last));

        assertThat(first.signal).isEqualTo(Signal.RETRY);
        assertThat(last.signal).isEqualTo(Signal.KNOWN_FAILURE);
        assertThat(Files.readString(c.target())).isEqualTo("existing");
    }

    @Test
    void committablesSurviveTheirSerializer() throws IOException {
        FileCommittable c = new FileCommittable(dir.resolve(".é x.png.1.inprogress"), dir.resolve("é x.png"), true);
        FileCommittableSerializer serializer = FileCommittableSerializer.INSTANCE;

        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(c)))
                .isEqualTo(c);
    }

    private FileCommittable staged(String name, String content, boolean overwrite) throws IOException {
        Path target = dir.resolve(name);
        Files.createDirectories(target.getParent());
        Path temporary = TempFiles.temporaryFor(target, new TempFiles.Origin(0, 1));
        TempFiles.writeDurably(temporary, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
        return new FileCommittable(temporary, target, overwrite);
    }

    private List<String> visibleAndHidden() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
