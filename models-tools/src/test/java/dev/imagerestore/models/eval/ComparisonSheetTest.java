package dev.imagerestore.models.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagerestore.models.image.FloatImage;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonSheetTest {

    private static FloatImage ramp(int channels, int h, int w) {
        float[] s = new float[channels * h * w];
        for (int i = 0; i < s.length; i++) {
            s[i] = (i % (h * w)) / (float) (h * w);
        }
        return FloatImage.wrap(channels, h, w, 8, s);
    }

    @Test
    void theCentreCropIsTakenAtFullResolution() {
        FloatImage image = ramp(1, 10, 20);
        FloatImage crop = ComparisonSheet.centreCrop(image, 4);
        assertThat(crop.height()).isEqualTo(4);
        assertThat(crop.width()).isEqualTo(4);
        // rows 3..6, columns 8..11 of the ramp
        assertThat(crop.toArray()[0]).isEqualTo((3 * 20 + 8) / 200f);
        assertThat(crop.toArray()[15]).isEqualTo((6 * 20 + 11) / 200f);
        assertThat(ComparisonSheet.centreCrop(image, 64).height()).isEqualTo(10);
    }

    @Test
    void aSheetHasOneCellPerColumnAndRowWithTheCropsPixels(@TempDir Path dir) throws Exception {
        FloatImage white = FloatImage.wrap(3, 40, 40, 8, filled(3 * 40 * 40, 1f));
        FloatImage black = FloatImage.wrap(3, 40, 40, 8, filled(3 * 40 * 40, 0f));
        ComparisonSheet sheet = ComparisonSheet.builder(List.of("input", "restored", "reference"), 32)
                .addRow("a.png", Arrays.asList(black, white, null))
                .addRow("b.png", List.of(white, black, white));
        Path file = dir.resolve("sheet/out.png");
        sheet.write(file);
        BufferedImage read = ImageIO.read(file.toFile());
        assertThat(read.getWidth()).isEqualTo(3 * (32 + 4) + 4);
        assertThat(read.getHeight()).isEqualTo(18 + 2 * (32 + 18 + 4) + 4);
        // first row's cells start below the column titles and the row label
        int top = 18 + 18;
        assertThat(read.getRGB(4 + 10, top + 10) & 0xFFFFFF).as("black input").isZero();
        assertThat(read.getRGB(4 + 36 + 10, top + 10) & 0xFFFFFF)
                .as("white output")
                .isEqualTo(0xFFFFFF);
    }

    @Test
    void mismatchedRowsAreRefusedWithTheirShapes() {
        ComparisonSheet sheet = ComparisonSheet.builder(List.of("input", "restored"), 32);
        assertThatThrownBy(() -> sheet.addRow("x", List.of(ramp(3, 8, 8)))).hasMessageContaining("1 images for 2");
        assertThatThrownBy(() -> sheet.addRow("x", List.of(ramp(3, 8, 8), ramp(3, 8, 9))))
                .hasMessageContaining("8x8")
                .hasMessageContaining("8x9");
        assertThatThrownBy(() -> ComparisonSheet.builder(List.of("a"), 8)).hasMessageContaining("crop 8");
    }

    private static float[] filled(int n, float v) {
        float[] s = new float[n];
        Arrays.fill(s, v);
        return s;
    }
}
