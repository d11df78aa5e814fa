package dev.imagerestore.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The folder rule of {@code restore}, through the command as a user gives it: any spelling of the
 * input as the output is refused by real path, and so is an input inside the output.
 */
class FoldersTest {

    @TempDir
    Path work;

    @Test
    void anOutputThatIsASymlinkToTheInputIsRefusedNamingBothAndTheRealPath() throws IOException {
        Path input = Files.createDirectories(work.resolve("scans"));
        Path alias = Files.createSymbolicLink(work.resolve("restored"), input);

        assertThatThrownBy(() -> spec(input, alias))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--output " + alias + " is the input folder " + input + " (both are " + input.toRealPath()
                        + "): restored files never replace their originals; choose an output folder outside the input");
        assertThatThrownBy(() -> spec(input, work.resolve("scans/../scans/.")))
                .hasMessageContaining("is the input folder");
    }

    @Test
    void anInputInsideTheOutputIsRefusedAndAnOutputInsideTheInputIsAllowed() throws IOException {
        Path output = Files.createDirectories(work.resolve("out"));
        Path input = Files.createDirectories(output.resolve("scans"));
        Path linkedOutput = Files.createSymbolicLink(work.resolve("out-link"), output);

        assertThatThrownBy(() -> spec(input, linkedOutput))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lies inside --output " + linkedOutput)
                .hasMessageContaining("outputs would be written among the originals");
        Path archive = Files.createDirectories(work.resolve("archive"));
        assertThat(spec(archive, archive.resolve("restored")).output())
                .as("the source never reads it")
                .isEqualTo(archive.resolve("restored"));
    }

    @Test
    void maxFileBytesIsAnOptionOfRestoreAsItsLimitMessageSays() throws IOException {
        Path input = Files.createDirectories(work.resolve("in"));

        assertThat(spec(input, work.resolve("out"), "--max-file-bytes", "4096").maxFileBytes())
                .isEqualTo(4096);
        assertThat(spec(input, work.resolve("out"), "--follow-links").followLinks())
                .isTrue();
        assertThatThrownBy(() -> spec(input, work.resolve("out"), "--max-file-bytes", "0"))
                .hasMessageStartingWith("--max-file-bytes must be in [1, ");
    }

    private static RestoreJobSpec spec(Path input, Path output, String... options) throws IOException {
        RestoreCommand command = new RestoreCommand();
        String[] args = new String[options.length + 4];
        args[0] = "--input";
        args[1] = input.toString();
        args[2] = "--output";
        args[3] = output.toString();
        System.arraycopy(options, 0, args, 4, options.length);
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return command.spec(command.configuration());
    }
}
