package dev.imagerestore.operators.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagerestore.operators.testing.TestImages;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PngRowsTest {

    /** Bands in the order a split asks for them (overlapping), then one above them (a restart), then the last. */
    private static final int[][] BANDS = {{0, 7}, {5, 13}, {11, 20}, {2, 6}, {17, 20}};

    @TempDir
    Path work;

    static Stream<Arguments> images() {
        return Stream.of(
                Arguments.of("gray 8", TestImages.component(37, 20, true, false, 8, 1)),
                Arguments.of("gray 16", TestImages.component(37, 20, true, false, 16, 2)),
                Arguments.of("gray alpha 8", TestImages.component(37, 20, true, true, 8, 3)),
                Arguments.of("gray alpha 16", TestImages.component(37, 20, true, true, 16, 4)),
                Arguments.of("rgb 8", TestImages.component(37, 20, false, false, 8, 5)),
                Arguments.of("rgb 16", TestImages.component(37, 20, false, false, 16, 6)),
                Arguments.of("rgba 8", TestImages.component(37, 20, false, true, 8, 7)),
                Arguments.of("rgba 16", TestImages.component(37, 20, false, true, 16, 8)),
                Arguments.of("palette", TestImages.palette(37, 20, new int[] {0x102030, 0xf0e0d0, 0x808080}, -1, 9)),
                Arguments.of(
                        "palette with a transparent entry",
                        TestImages.palette(37, 20, new int[] {0x102030, 0xf0e0d0, 0x808080}, 1, 10)),
                Arguments.of("gray 1", lowBitGray(1)),
                Arguments.of("gray 2", lowBitGray(2)),
                Arguments.of("gray 4", lowBitGray(4)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void everyBandHasTheSamplesOfImageIosRegionOfIt(String kind, BufferedImage image) throws IOException {
        Path file = Files.write(work.resolve("a.png"), TestImages.encode(image, "png"));
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            try (PngRows rows =
                    PngRows.open(file, reader.getImageTypes(0).next()).orElseThrow()) {
                for (int[] band : BANDS) {
                    ImageReadParam param = reader.getDefaultReadParam();
                    param.setSourceRegion(new Rectangle(0, band[0], 37, band[1] - band[0]));
                    Planes expected = RasterPlanes.extract(reader.read(0, param));
                    Planes actual = RasterPlanes.extract(rows.read(band[0], band[1]));

                    String where = kind + ", rows " + Arrays.toString(band);
                    assertThat(actual.channels()).as(where).isEqualTo(expected.channels());
                    assertThat(actual.depth()).as(where).isEqualTo(expected.depth());
                    assertThat(actual.height()).as(where).isEqualTo(band[1] - band[0]);
                    assertThat(actual.colour()).as(where).containsExactly(expected.colour());
                    assertThat(actual.alpha()).as(where).isEqualTo(expected.alpha());
                }
            } finally {
                reader.dispose();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void aFileCutShortFailsTheBandThatReachesTheCut(String kind, BufferedImage image) throws IOException {
        byte[] png = TestImages.encode(image, "png");
        Path file = Files.write(work.resolve("cut.png"), Arrays.copyOf(png, png.length * 2 / 3));
        ImageTypeSpecifier type = ImageTypeSpecifier.createFromRenderedImage(image);

        try (PngRows rows = PngRows.open(file, type).orElseThrow()) {
            assertThatThrownBy(() -> rows.read(0, 20)).isInstanceOf(EOFException.class);
        }
    }

    @org.junit.jupiter.api.Test
    void interlacedFilesAreLeftToTheReader() throws IOException {
        BufferedImage image = TestImages.component(37, 20, false, false, 8, 11);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        Path file = Files.write(work.resolve("adam7.png"), bytes.toByteArray());

        assertThat(PngRows.open(file, ImageTypeSpecifier.createFromRenderedImage(image)))
                .isEmpty();
        assertThat(PngRows.open(Files.write(work.resolve("not.png"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), null))
                .isEmpty();
    }

    private static BufferedImage lowBitGray(int bits) {
        int levels = 1 << bits;
        byte[] grays = new byte[levels];
        for (int i = 0; i < levels; i++) {
            grays[i] = (byte) (i * 255 / (levels - 1));
        }
        IndexColorModel model = new IndexColorModel(bits, levels, grays, grays, grays);
        BufferedImage image = new BufferedImage(37, 20, BufferedImage.TYPE_BYTE_BINARY, model);
        Random random = new Random(bits);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 37; x++) {
                image.getRaster().setSample(x, y, 0, random.nextInt(levels));
            }
        }
        return image;
    }
}
