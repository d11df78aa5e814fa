package dev.imagerestore.job.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFoldersTest {

    @TempDir
    Path work;

    @Test
    void checkingAnOutputCreatesItAndLeavesNothingInIt() throws Exception {
        Path output = work.resolve("a/b");

        RunFolders.checkOutput(output);

        assertThat(output).isDirectory().isEmptyDirectory();
    }

    @Test
    void probesOfAKilledCheckAreDeletedAndOtherHiddenFilesKept() throws Exception {
        Path output = Files.createDirectories(work.resolve("out"));
        Files.createFile(output.resolve(".write-probe-123.tmp"));
        Files.createDirectory(output.resolve(".write-probe-dir.tmp"));
        Files.writeString(output.resolve(".restore-0-1-7.inprogress"), "kept");
        Files.writeString(output.resolve("photo.png"), "kept");

        RunFolders.checkOutput(output);

        try (var names = Files.list(output)) {
            assertThat(names.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(".write-probe-dir.tmp", ".restore-0-1-7.inprogress", "photo.png");
        }
    }

    @Test
    void anOutputThatIsAFileIsRefusedNamingIt() throws Exception {
        Path file = Files.writeString(work.resolve("out.png"), "x");

        assertThatThrownBy(() -> RunFolders.checkOutput(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--output " + file)
                .hasMessageContaining("pass a folder");
    }

    @Test
    void anInputThatIsAFileIsRefusedNamingTheFix() throws Exception {
        Path file = Files.writeString(work.resolve("in.png"), "x");

        assertThatThrownBy(() -> RunFolders.checkInput(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--input " + file + " is a file")
                .hasMessageContaining("--include");
    }
}
