package dev.imagerestore.operators.sink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.RestoredImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoredFileWriterTest {

    @TempDir
    Path out;

    @Test
    void writtenFilesStayHiddenUntilCommitted() throws IOException {
        RestoredFileWriter writer = new RestoredFileWriter(out, false);
        writer.write(image("a/b/one.png", new byte[] {1, 2}), null);
        writer.write(image("two.png", new byte[] {3}), null);

        assertThat(visibleFiles()).isEmpty();
        Collection<FileCommittable> committables = writer.prepareCommit();
        assertThat(committables).hasSize(2).allMatch(c -> c.temporary().getFileName().toString().startsWith("."));
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
    void anAbortedWriterLeavesNoFilesAtAll() throws IOException {
        RestoredFileWriter writer = new RestoredFileWriter(out, false);
        writer.write(image("x/never.png", new byte[] {9}), null);

        writer.close();

        assertThat(allFiles()).isEmpty();
    }

    @Test
    void outputPathsCannotEscapeTheOutputRoot() {
        assertThatThrownBy(() -> image("../escape.png", new byte[] {1}))
                .hasMessageContaining("must not be absolute or contain empty, '.' or '..' segments");
    }

    private static RestoredImage image(String path, byte[] bytes) {
        return new RestoredImage(path, path, OutputFormat.PNG, bytes, 1, 1, 8, "copy", OptionalDouble.empty(), Map.of());
    }

    private List<String> visibleFiles() throws IOException {
        return allFiles().stream().filter(p -> !p.substring(p.lastIndexOf('/') + 1).startsWith(".")).toList();
    }

    private List<String> allFiles() throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(Files::isRegularFile).map(p -> out.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }
}
