package dev.imagerestore.models.damage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.models.restore.SyntheticImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sheets of rendered damage. With {@code -Ddamage.sheets=DIR} it writes {@code kinds.png} (one row per
 * kind alone, then all kinds) and {@code mixed.png} (default settings, several images) to DIR, on
 * crops of CBSD68 when {@code ../shared/data} is there and on synthetic images otherwise:
 * {@code mvn -pl models test -Dtest=DamageSheetTest -Ddamage.sheets=/tmp/damage}.
 */
class DamageSheetTest {

    private static final Path CBSD68 = Path.of("../../shared/data/test/CBSD68");

    @Test
    void sheetShowsEachRenderBesideItsMasks() throws IOException {
        List<FloatImage> cleans = List.of(SyntheticImages.textured(3, 48, 64, 1), SyntheticImages.smooth(3, 48, 64));
        DamageGenerator generator =
                DamageGenerator.builder().setSeed(3).optCoverage(0.05, 0.08).build();

        BufferedImage sheet = DamageSheets.sheet(cleans, List.of(generator), 2);

        assertThat(sheet.getWidth()).isEqualTo(4 * (128 + 4));
        assertThat(sheet.getHeight()).isEqualTo(96 + 4);
        Damaged first = generator.render(cleans.get(0), 0);
        int red = 0;
        for (int y = 0; y < 96; y++) {
            for (int x = 0; x < 128; x++) {
                red += (sheet.getRGB(128 + 4 + x, y) & 0xFF0000) == 0xFF0000
                                && first.mask().get(y / 2, x / 2)
                        ? 1
                        : 0;
            }
        }
        assertThat(red).isEqualTo(4 * first.mask().count());
        String folder = System.getProperty("damage.sheets");
        if (folder != null) {
            writeSheets(Path.of(folder));
        }
    }

    private static void writeSheets(Path folder) throws IOException {
        Files.createDirectories(folder);
        List<FloatImage> cleans = cleanCrops(4, 160);
        List<DamageGenerator> rows = new ArrayList<>();
        for (DamageKind kind : DamageKind.values()) {
            rows.add(DamageGenerator.builder()
                    .setSeed(11)
                    .optKinds(kind)
                    .optCoverage(kind.masksContent() ? 0.01 : 0, kind.masksContent() ? 0.06 : 0)
                    .optStainCoverage(0.01, 0.05)
                    .build());
        }
        rows.add(DamageGenerator.builder().setSeed(11).build());
        javax.imageio.ImageIO.write(
                DamageSheets.sheet(cleans, rows, 1),
                "png",
                folder.resolve("kinds.png").toFile());
        List<FloatImage> more = cleanCrops(3, 240);
        List<DamageGenerator> mixed = List.of(
                DamageGenerator.builder().setSeed(5).build(),
                DamageGenerator.builder().setSeed(6).optCoverage(0.03, 0.08).build());
        javax.imageio.ImageIO.write(
                DamageSheets.sheet(more, mixed, 1),
                "png",
                folder.resolve("mixed.png").toFile());
    }

    private static List<FloatImage> cleanCrops(int count, int side) throws IOException {
        List<FloatImage> out = new ArrayList<>();
        if (Files.isDirectory(CBSD68)) {
            for (Path file : ImageFiles.list(CBSD68).subList(0, count)) {
                out.add(crop(ImageFiles.read(file).toThreeChannels(), side));
            }
        } else {
            for (int i = 0; i < count; i++) {
                out.add(SyntheticImages.textured(3, side, side, i));
            }
        }
        return out;
    }

    private static FloatImage crop(FloatImage image, int side) {
        float[] out = new float[3 * side * side];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    out[(c * side + y) * side + x] = image.get(c, y, x);
                }
            }
        }
        return FloatImage.wrap(3, side, side, image.bitDepth(), out);
    }
}
