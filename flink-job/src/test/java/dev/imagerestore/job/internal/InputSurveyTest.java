package dev.imagerestore.job.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.operators.source.ImageSources;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputSurveyTest {

    @TempDir
    Path input;

    @Test
    void countsTheFilesTheSourceReadsWithTheirHeaderSizes() throws IOException {
        image(input.resolve("a.png"), 200, 100);
        image(input.resolve("sub/b.png"), 50, 40);
        image(input.resolve("raw/c.png"), 10, 10);
        Files.writeString(input.resolve("notes.txt"), "not an image");
        Files.createDirectories(input.resolve("_report"));
        Files.writeString(input.resolve("_report/x.png"), "never read");

        InputSurvey survey = InputSurvey.of(ImageSources.forDirectory(input).optExclude("raw/**"), 1_000_000);

        assertThat(survey.images()).isEqualTo(2);
        assertThat(survey.skipped()).as("raw/, notes.txt and _report/").isEqualTo(3);
        assertThat(survey.entries()).isEqualTo(5);
        assertThat(survey.megapixels()).isEqualTo((200 * 100 + 50 * 40) / 1e6);
        assertThat(survey.oversized()).isZero();
        assertThat(survey.describe("--max-pixels", 1_000_000))
                .isEqualTo("2 images (0.02 MP); 3 other entries will be reported as skipped");
    }

    @Test
    void anOutputFolderInsideTheInputIsOneSkippedEntryAndItsImagesAreNotCounted() throws IOException {
        image(input.resolve("a.png"), 20, 10);
        image(input.resolve("restored/a.png"), 20, 10);
        image(input.resolve("restored/sub/b.png"), 20, 10);

        InputSurvey survey = InputSurvey.of(
                ImageSources.forDirectory(input).optIgnoreDirectory(input.resolve("restored")), 1_000_000);

        assertThat(survey.images()).isEqualTo(1);
        assertThat(survey.skipped()).isEqualTo(1);
        assertThat(survey.megapixels()).isEqualTo(200 / 1e6);
    }

    @Test
    void aHeaderDeclaringAHugeImageCountsAsAnImageButNotTowardsTheMegapixels() throws IOException {
        image(input.resolve("a.png"), 100, 100);
        Files.write(input.resolve("huge.png"), pngHeader(100_000, 100_000));

        InputSurvey survey = InputSurvey.of(ImageSources.forDirectory(input), 250_000_000);

        assertThat(InputSurvey.headerPixels(input.resolve("huge.png"))).isEqualTo(10_000_000_000L);
        assertThat(survey.images()).isEqualTo(2);
        assertThat(survey.megapixels()).isEqualTo(0.01);
        assertThat(survey.describe("--max-whole-pixels", 250_000_000))
                .isEqualTo("2 images (0.01 MP); 1 above --max-whole-pixels 250000000 will be reported as failed");
    }

    private static void image(Path file, int width, int height) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
    }

    /** The signature and IHDR chunk of an 8-bit RGB PNG of this size, without any pixel data. */
    private static byte[] pngHeader(int width, int height) {
        ByteBuffer chunk = ByteBuffer.allocate(17)
                .put("IHDR".getBytes())
                .putInt(width)
                .putInt(height)
                .put(new byte[] {8, 2, 0, 0, 0});
        CRC32 crc = new CRC32();
        crc.update(chunk.array());
        return ByteBuffer.allocate(8 + 4 + 17 + 4)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10})
                .putInt(13)
                .put(chunk.array())
                .putInt((int) crc.getValue())
                .array();
    }
}
