package dev.imagerestore.operators.decode;

import static dev.imagerestore.operators.testing.TestImages.alphaLevels;
import static dev.imagerestore.operators.testing.TestImages.bandOf;
import static dev.imagerestore.operators.testing.TestImages.levels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.testing.HandMadeFiles;
import dev.imagerestore.operators.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageDecoderTest {

    private final ImageDecoder decoder = ImageDecoder.builder().build();

    @ParameterizedTest(name = "{0} gray={1} alpha={2} bits={3} {4}")
    @CsvSource({
        "png, true, false, 8, ",
        "png, true, false, 16, ",
        "png, false, false, 8, ",
        "png, false, false, 16, ",
        "png, true, true, 8, ",
        "png, true, true, 16, ",
        "png, false, true, 8, ",
        "png, false, true, 16, ",
        "tiff, false, false, 8, LZW",
        "tiff, false, false, 16, LZW",
        "tiff, false, true, 16, Deflate",
        "tiff, true, false, 16, Deflate",
        "tiff, false, false, 8, Deflate",
        "pnm, true, false, 8, ",
        "pnm, true, false, 16, ",
        "pnm, false, false, 8, ",
        "pnm, false, false, 16, ",
        "bmp, false, false, 8, "
    })
    void losslessFormatsKeepEveryLevelBitDepthAndAlpha(
            String format, boolean gray, boolean alpha, int bits, String compression) throws IOException {
        BufferedImage source = TestImages.component(13, 7, gray, alpha, bits, 42);
        DecodedImage decoded = decode("in/a." + format, TestImages.encode(source, format, compression));

        assertThat(decoded.sourceFormat()).isEqualTo(format);
        assertThat(decoded.bitDepth()).isEqualTo(bits);
        assertThat(decoded.colour().channels()).isEqualTo(gray ? 1 : 3);
        for (int c = 0; c < decoded.colour().channels(); c++) {
            assertThat(levels(decoded.colour(), c)).as("band %s", c).containsExactly(bandOf(source, c));
        }
        assertThat(decoded.alpha().isPresent()).isEqualTo(alpha);
        if (alpha) {
            assertThat(alphaLevels(decoded.alpha().get())).containsExactly(bandOf(source, gray ? 1 : 3));
        }
    }

    @Test
    void palettePngKeepsColoursAndTransparency() throws IOException {
        int[] palette = {0xff0000, 0x00ff00, 0x0000ff, 0x808080};
        BufferedImage source = TestImages.palette(9, 5, palette, 3, 7);
        DecodedImage decoded = decode("p.png", TestImages.encode(source, "png"));

        assertThat(decoded.colour().channels()).isEqualTo(3);
        assertThat(decoded.bitDepth()).isEqualTo(8);
        int[] index = bandOf(source, 0);
        int[] red = levels(decoded.colour(), 0);
        int[] alpha = alphaLevels(decoded.alpha().orElseThrow());
        for (int i = 0; i < index.length; i++) {
            assertThat(red[i]).isEqualTo((palette[index[i]] >> 16) & 0xff);
            assertThat(alpha[i]).isEqualTo(index[i] == 3 ? 0 : 255);
        }
    }

    @Test
    void grayPaletteDecodesToOneChannel() throws IOException {
        int[] grays = {0x000000, 0x404040, 0xc0c0c0, 0xffffff};
        BufferedImage source = TestImages.palette(6, 6, grays, -1, 3);
        DecodedImage decoded = decode("g.gif", TestImages.encode(source, "gif"));

        assertThat(decoded.colour().channels()).isEqualTo(1);
        int[] index = bandOf(source, 0);
        int[] gray = levels(decoded.colour(), 0);
        for (int i = 0; i < index.length; i++) {
            assertThat(gray[i]).isEqualTo(grays[index[i]] & 0xff);
        }
    }

    @Test
    void oneBitImageBecomesEightBitBlackAndWhite() throws IOException {
        BufferedImage source = new BufferedImage(10, 3, BufferedImage.TYPE_BYTE_BINARY);
        source.getRaster().setSample(4, 1, 0, 1);
        DecodedImage decoded = decode("bits.png", TestImages.encode(source, "png"));

        assertThat(decoded.bitDepth()).isEqualTo(8);
        assertThat(decoded.colour().get(0, 1, 4)).isEqualTo(1f);
        assertThat(decoded.colour().get(0, 1, 3)).isEqualTo(0f);
    }

    @Test
    void baselineAndProgressiveJpegDecodeCloseToTheSource() throws IOException {
        BufferedImage source = gradient(64, 32);
        for (byte[] jpeg : new byte[][] {TestImages.jpeg(source), TestImages.progressiveJpeg(source)}) {
            DecodedImage decoded = decode("photo.jpg", jpeg);
            assertThat(decoded.sourceFormat()).isEqualTo("jpeg");
            assertThat(decoded.width()).isEqualTo(64);
            assertThat(decoded.height()).isEqualTo(32);
            assertThat(meanAbsDifference(decoded.colour(), source)).isLessThan(0.02);
        }
    }

    @Test
    void ycckJpegIsConvertedToSrgbLikeTwelveMonkeysDoes() throws IOException {
        byte[] jpeg = HandMadeFiles.ycckJpeg(32, 16, new int[][] {{255, 128, 128, 255}, {40, 200, 90, 30}});
        assertThat(adobeTransform(jpeg)).isEqualTo(2);
        BufferedImage reference = ImageIO.read(new ByteArrayInputStream(jpeg));

        DecodedImage decoded = decode("cmyk.jpg", jpeg);

        assertThat(decoded.colour().channels()).isEqualTo(3);
        for (int c = 0; c < 3; c++) {
            assertThat(levels(decoded.colour(), c)).containsExactly(bandOf(reference, c));
        }
        assertThat(decoded.colour().get(0, 8, 4)).isNotEqualTo(decoded.colour().get(0, 8, 28));
    }

    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({"1, 0, 0", "3, 8, 4", "6, 4, 0", "8, 0, 8"})
    void exifOrientationIsApplied(int orientation, int darkX, int darkY) throws IOException {
        // Stored 16x8, dark 8x4 block at the top left; the block moves where EXIF says row 0 / column 0 go.
        BufferedImage stored = new BufferedImage(16, 8, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 16; x++) {
                stored.getRaster().setSample(x, y, 0, x < 8 && y < 4 ? 0 : 255);
            }
        }
        byte[] jpeg = HandMadeFiles.withExifOrientation(TestImages.jpeg(stored), orientation);

        DecodedImage decoded = decode("turned.jpg", jpeg);

        boolean turned = orientation >= 5;
        assertThat(decoded.orientation()).isEqualTo(orientation);
        assertThat(decoded.width()).isEqualTo(turned ? 8 : 16);
        assertThat(decoded.height()).isEqualTo(turned ? 16 : 8);
        int blockWidth = turned ? 4 : 8;
        int blockHeight = turned ? 8 : 4;
        assertThat(regionMean(decoded.colour(), darkX, darkY, blockWidth, blockHeight))
                .isLessThan(0.1);
        assertThat(meanOf(decoded.colour())).isBetween(0.7, 0.8);
    }

    @Test
    void gifGivesItsPaletteColours() throws IOException {
        int[] palette = {0x102030, 0xf0e0d0};
        BufferedImage first = TestImages.palette(8, 8, palette, -1, 1);
        DecodedImage decoded = decode("still.gif", TestImages.gif(first));

        assertThat(decoded.sourceFormat()).isEqualTo("gif");
        int[] index = bandOf(first, 0);
        int[] blue = levels(decoded.colour(), 2);
        for (int i = 0; i < index.length; i++) {
            assertThat(blue[i]).isEqualTo(palette[index[i]] & 0xff);
        }
    }

    @Test
    void tinyFileDeclaringHugeDimensionsIsRejectedBeforeAllocation() {
        byte[] header = HandMadeFiles.pngHeaderOnly(100_000, 100_000);
        assertThat(header.length).isLessThan(100);

        assertThatThrownBy(() -> decode("scans/huge.png", header))
                .isInstanceOf(ImageDecodeException.class)
                .hasMessage("scans/huge.png: image is 100000x100000 = 10 Gpx, above --max-pixels = 2 Gpx; "
                        + "raise it with --max-pixels");
    }

    @Test
    void anImageWithinMaxPixelsButAboveTheWholeImageLimitIsRefusedNamingThatLimit() {
        byte[] header = HandMadeFiles.pngHeaderOnly(20_000, 15_000);

        assertThatThrownBy(() -> decode("scans/film.png", header))
                .isInstanceOf(ImageDecodeException.class)
                .hasMessageStartingWith("scans/film.png: image is 20000x15000 = 300 Mpx, above --max-whole-pixels = "
                        + "250 Mpx, the largest image decoded whole (")
                .hasMessageEndingWith("); raise --max-whole-pixels, and the TaskManager memory with it");
    }

    @Test
    void decoderLimitsBelowOnePixelAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> ImageDecoder.builder().optMaxWholePixels(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--max-whole-pixels must be >= 1, got 0");
        assertThatThrownBy(() -> ImageDecoder.builder().optMaxPixels(-1).build())
                .hasMessage("--max-pixels must be >= 1, got -1");
    }

    @Test
    void pixelLimitIsInclusive() throws IOException {
        byte[] png = TestImages.encode(TestImages.component(64, 64, true, false, 8, 1), "png");
        ImageDecoder exact = ImageDecoder.builder().optMaxPixels(64 * 64).build();
        ImageDecoder below = ImageDecoder.builder().optMaxPixels(64 * 64 - 1).build();

        assertThat(exact.decode(ImageFile.of("a.png", 0, png)).width()).isEqualTo(64);
        assertThatThrownBy(() -> below.decode(ImageFile.of("a.png", 0, png)))
                .hasMessageContaining("64x64 = 4.1 kpx, above --max-pixels = 4.1 kpx");
    }

    @Test
    void truncatedPngNamesTheFile() throws IOException {
        byte[] png = TestImages.encode(TestImages.component(40, 40, false, false, 8, 5), "png");
        byte[] half = Arrays.copyOf(png, png.length / 2);

        assertThatThrownBy(() -> decode("broken/half.png", half))
                .isInstanceOf(ImageDecodeException.class)
                .hasMessageStartingWith("broken/half.png: ")
                .hasMessageContaining("corrupt or truncated");
    }

    @Test
    void truncatedJpegIsRejectedNotFilledWithGray() throws IOException {
        byte[] jpeg = TestImages.jpeg(gradient(64, 64));
        byte[] half = Arrays.copyOf(jpeg, jpeg.length / 2);

        assertThatThrownBy(() -> decode("half.jpg", half))
                .isInstanceOf(ImageDecodeException.class)
                .hasMessageStartingWith("half.jpg: ");
    }

    @Test
    void unknownBytesAreNotAnImage() {
        byte[] text = "just some text, not an image".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> decode("notes.png", text))
                .isInstanceOf(ImageDecodeException.class)
                .hasMessage("notes.png: not an image in a format this job reads "
                        + "(PNG, JPEG, TIFF, BMP, PNM (PBM/PGM/PPM/PAM) and GIF)");
    }

    @Test
    void emptyAndWithheldFilesGiveTheirReason() {
        assertThatThrownBy(() -> decode("empty.png", new byte[0])).hasMessage("empty.png: file is empty");
        ImageFile withheld = ImageFile.withheld(
                "big.tif",
                5L << 30,
                0,
                "big.tif: file is 5 GiB, above --max-file-bytes = 1 GiB; raise it with --max-file-bytes");
        assertThatThrownBy(() -> decoder.decode(withheld))
                .hasMessage("big.tif: file is 5 GiB, above --max-file-bytes = 1 GiB; raise it with --max-file-bytes");
    }

    private DecodedImage decode(String path, byte[] bytes) throws ImageDecodeException {
        return decoder.decode(ImageFile.of(path, 0, bytes));
    }

    static BufferedImage gradient(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | 128);
            }
        }
        return image;
    }

    private static double meanAbsDifference(FloatImage decoded, BufferedImage source) {
        double sum = 0;
        for (int y = 0; y < source.getHeight(); y++) {
            for (int x = 0; x < source.getWidth(); x++) {
                int rgb = source.getRGB(x, y);
                sum += Math.abs(decoded.get(0, y, x) - ((rgb >> 16) & 0xff) / 255.0);
                sum += Math.abs(decoded.get(1, y, x) - ((rgb >> 8) & 0xff) / 255.0);
                sum += Math.abs(decoded.get(2, y, x) - (rgb & 0xff) / 255.0);
            }
        }
        return sum / (3.0 * source.getWidth() * source.getHeight());
    }

    private static double regionMean(FloatImage image, int x0, int y0, int width, int height) {
        double sum = 0;
        for (int y = y0; y < y0 + height; y++) {
            for (int x = x0; x < x0 + width; x++) {
                sum += image.get(0, y, x);
            }
        }
        return sum / (width * height);
    }

    private static double meanOf(FloatImage image) {
        return regionMean(image, 0, 0, image.width(), image.height());
    }

    private static int adobeTransform(byte[] jpeg) {
        for (int i = 0; i + 15 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xFF && (jpeg[i + 1] & 0xff) == 0xEE) {
                return jpeg[i + 15];
            }
        }
        return -1;
    }
}
