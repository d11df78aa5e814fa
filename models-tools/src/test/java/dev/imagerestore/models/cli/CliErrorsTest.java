package dev.imagerestore.models.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes on the models' command line are answered in a line or two, with exit code 2 and no stack trace. */
class CliErrorsTest {

    @TempDir
    Path folder;

    @Test
    void aValueOfTheWrongTypeNamesTheOption() {
        CliRun run = CliRun.of("eval", "denoise", "--clean", folder.toString(), "--sigma", "15", "--tile-size", "big");

        assertThat(run.code()).isEqualTo(CliErrors.USAGE);
        assertThat(run.err())
                .contains("--tile-size", "'big'", "Try 'models eval denoise --help'")
                .doesNotContain("Exception", "\tat ");
        assertThat(run.err().lines()).hasSizeBetween(1, 3);
    }

    @Test
    void theOldTileSpellingStillWorksAsTheSameOption() {
        CliRun run = CliRun.of("eval", "denoise", "--clean", folder.toString(), "--sigma", "15", "--tile", "big");

        assertThat(run.code()).isEqualTo(CliErrors.USAGE);
        assertThat(run.err()).contains("--tile", "'big'").doesNotContain("Unknown option");
    }

    @Test
    void aFailureThatIsNoUsageErrorIsOneLineWithExitCodeOne() throws IOException {
        ImageIO.write(
                new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB),
                "png",
                folder.resolve("a.png").toFile());

        CliRun run = CliRun.of(
                "eval",
                "denoise",
                "--clean",
                folder.toString(),
                "--sigma",
                "15",
                "--model",
                folder.resolve("nowhere").toString());

        assertThat(run.code()).as(run.err()).isEqualTo(CliErrors.RUN_FAILED);
        assertThat(run.err()).startsWith("error: ").contains("nowhere").doesNotContain("\tat ");
        assertThat(run.err().lines()).hasSize(1);
    }
}
