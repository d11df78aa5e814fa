package dev.imagerestore.job.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.ReportJson;
import dev.imagerestore.operators.decode.ImageEncoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskSheetTest {

    @TempDir
    Path work;

    @Test
    void rowsShowEachMaskedInputWithItsMaskInRedBesideItsOutputMostMaskedFirst() throws IOException {
        Path input = work.resolve("in");
        Path output = work.resolve("out");
        for (String name : List.of("a.png", "b.png", "clean.png")) {
            write(input.resolve(name), gray(0.5f));
            write(output.resolve(name), gray(0.5f));
        }
        // a: the left half masked; b: one hairline column, which must still show at thumbnail size
        float[] half = new float[64 * 64];
        float[] hairline = new float[64 * 64];
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 32; x++) {
                half[y * 64 + x] = 1f;
            }
            hairline[y * 64 + 40] = 1f;
        }
        write(output.resolve("a.mask.png"), FloatImage.wrap(1, 64, 64, 8, half));
        write(output.resolve("b.mask.png"), FloatImage.wrap(1, 64, 64, 8, hairline));
        write(output.resolve("clean.mask.png"), FloatImage.wrap(1, 64, 64, 8, new float[64 * 64]));
        List<JsonObject> lines = List.of(
                line("b.png", 1.0 / 64),
                line("a.png", 0.5),
                line("clean.png", 0),
                ReportJson.parse(
                        "{\"status\":\"failed\",\"input\":\"bad.png\",\"stage\":\"decode\",\"reason\":\"x\"}"));
        Path sheet = work.resolve("sheet.png");

        int rows = MaskSheet.write(lines, input, output, sheet, 10, 32);

        assertThat(rows).isEqualTo(2);
        BufferedImage image = ImageIO.read(sheet.toFile());
        int firstRowTop = 8 + 18 + 18;
        assertThat(red(image.getRGB(8 + 4, firstRowTop + 16)))
                .as("a, most masked, first: its masked half")
                .isTrue();
        assertThat(red(image.getRGB(8 + 28, firstRowTop + 16)))
                .as("a's unmasked half")
                .isFalse();
        assertThat(red(image.getRGB(8 + 32 + 8 + 4, firstRowTop + 16)))
                .as("the output beside it")
                .isFalse();
        int secondRowTop = firstRowTop + 32 + 8 + 18;
        assertThat(red(image.getRGB(8 + 20, secondRowTop + 16)))
                .as("b's hairline at 1/2 scale")
                .isTrue();
    }

    private static boolean red(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        return r > g + 60;
    }

    private static JsonObject line(String name, double masked) {
        return ReportJson.parse("{\"status\":\"ok\",\"input\":\"" + name + "\",\"output\":\"" + name
                + "\",\"maskedFraction\":" + masked + ",\"maskOutput\":\"" + name.replace(".png", ".mask.png") + "\"}");
    }

    private static FloatImage gray(float level) {
        float[] samples = new float[3 * 64 * 64];
        Arrays.fill(samples, level);
        return FloatImage.wrap(3, 64, 64, 8, samples);
    }

    private static void write(Path file, FloatImage image) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, ImageEncoder.builder().build().encode(image, Optional.empty(), OutputFormat.PNG));
    }
}
