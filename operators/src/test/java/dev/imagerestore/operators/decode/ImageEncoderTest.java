package dev.imagerestore.operators.decode;

import static dev.imagerestore.operators.testing.TestImages.alphaLevels;
import static dev.imagerestore.operators.testing.TestImages.levels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.RestoredImage;
import dev.imagerestore.operators.testing.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageEncoderTest {

    private final ImageDecoder decoder = ImageDecoder.builder().build();
    private final ImageEncoder encoder = ImageEncoder.builder().build();

    @ParameterizedTest(name = "{0} gray={1} alpha={2} bits={3}")
    @CsvSource({
        "PNG, true, false, 8",
        "PNG, false, true, 8",
        "PNG, true, true, 16",
        "PNG, false, true, 16",
        "PNG, false, false, 16",
        "TIFF, false, false, 8",
        "TIFF, false, true, 8",
        "TIFF, true, false, 16",
        "TIFF, false, false, 16",
        "TIFF, false, true, 16",
        "TIFF, true, true, 16",
        "PNM, true, false, 16",
        "PNM, false, false, 16",
        "PNM, false, false, 8",
        "BMP, false, false, 8",
        "BMP, true, false, 8"
    })
    void losslessRoundTripKeepsLevelsBitDepthAndAlpha(OutputFormat format, boolean gray, boolean alpha, int bits)
            throws IOException {
        DecodedImage source =
                decode("in.png", TestImages.encode(TestImages.component(11, 6, gray, alpha, bits, 9), "png"));

        byte[] encoded = encoder.encode(source.colour(), source.alpha(), format);
        DecodedImage back = decode("out." + format.imageIoName(), encoded);

        assertThat(back.bitDepth()).isEqualTo(bits);
        assertThat(back.colour().channels()).isEqualTo(source.colour().channels());
        for (int c = 0; c < source.colour().channels(); c++) {
            assertThat(levels(back.colour(), c)).containsExactly(levels(source.colour(), c));
        }
        assertThat(back.alpha().map(TestImages::alphaLevels).orElse(null))
                .isEqualTo(source.alpha().map(TestImages::alphaLevels).orElse(null));
    }

    /**
     * Noise-like 16-bit colour does not compress: the JDK's TIFF writer (the one that takes 16-bit RGB)
     * truncated such Deflate strips (its compressor's buffer assumes 5 bytes of overhead per 32 KiB,
     * zlib needs 5 per 16 KiB; jai-imageio-core issue 68), and TwelveMonkeys then failed with
     * "Unexpected end of ZLIB input stream". Every sample must survive, 8 and 16 bits, grey and colour.
     */
    @ParameterizedTest(name = "channels={0} bits={1}")
    @CsvSource({"3, 16", "1, 16", "3, 8", "1, 8"})
    void incompressibleTiffRoundTripsExactly(int channels, int bits) throws IOException {
        int height = 300;
        int width = 401;
        float[] samples = new float[channels * height * width];
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        int max = (1 << bits) - 1;
        for (int i = 0; i < samples.length; i++) {
            samples[i] = random.nextInt(max + 1) / (float) max;
        }
        FloatImage noise = FloatImage.wrap(channels, height, width, bits, samples);

        DecodedImage back = decode("noise.tif", encoder.encode(noise, Optional.empty(), OutputFormat.TIFF));

        assertThat(back.bitDepth()).isEqualTo(bits);
        for (int c = 0; c < channels; c++) {
            assertThat(levels(back.colour(), c)).containsExactly(levels(noise, c));
        }
    }

    @Test
    void jpegIsEightBitWithoutAlphaAndCloseToTheSource() throws IOException {
        DecodedImage source =
                decode("in.png", TestImages.encode(TestImages.component(16, 16, false, true, 16, 4), "png"));
        FloatImage smooth = smooth(source.colour());

        DecodedImage back = decode("out.jpg", encoder.encode(smooth, source.alpha(), OutputFormat.JPEG));

        assertThat(back.bitDepth()).isEqualTo(8);
        assertThat(back.alpha()).isEmpty();
        assertThat(maxDifference(back.colour(), smooth)).isLessThan(0.03);
    }

    @Test
    void samplesOutsideTheUnitRangeAreClamped() throws IOException {
        FloatImage image = FloatImage.wrap(1, 1, 4, 16, new float[] {-0.5f, 0f, 1f, 1.7f});

        DecodedImage back = decode("c.png", encoder.encode(image, Optional.empty(), OutputFormat.PNG));

        assertThat(levels(back.colour(), 0)).containsExactly(0, 0, 65535, 65535);
    }

    @Test
    void formatFollowsTheInputUnlessOverriddenAndNeverDropsAlphaSilently() throws IOException {
        DecodedImage gif =
                decode("a/anim.GIF", TestImages.gif(TestImages.palette(4, 4, new int[] {0, 0xffffff}, -1, 1)));
        DecodedImage bmpWithAlpha = new DecodedImage(
                "b.bmp",
                gif.colour().toThreeChannels(),
                decode("t.png", TestImages.encode(TestImages.component(4, 4, true, true, 8, 2), "png"))
                        .alpha(),
                "bmp",
                1,
                0);
        ImageEncoder toJpeg = ImageEncoder.builder()
                .optFormat(OutputFormat.parseOverride("jpg"))
                .build();

        assertThat(encoder.formatFor(gif)).isEqualTo(OutputFormat.PNG);
        assertThat(encoder.outputPathFor(gif)).isEqualTo("a/anim.png");
        assertThat(encoder.formatFor(bmpWithAlpha)).isEqualTo(OutputFormat.PNG);
        assertThat(toJpeg.outputPathFor(bmpWithAlpha)).isEqualTo("b.jpg");
        assertThatThrownBy(() -> OutputFormat.parseOverride("webp"))
                .hasMessage("output format must be one of png|tiff|jpeg, got 'webp'");
    }

    @Test
    void restoreKeepsTheSourceChannelsDepthAndAlphaAndAppendsTheEncodeTime() throws IOException {
        DecodedImage source = decode(
                "scan/g.tif", TestImages.encode(TestImages.component(8, 5, true, true, 16, 3), "tiff", "Deflate"));
        FloatImage restoredRgb = source.colour().toThreeChannels();

        RestoredImage restored =
                encoder.restore(source, restoredRgb, "denoise", OptionalDouble.of(0.1), Map.of("inference", 12L));

        assertThat(restored.outputPath()).isEqualTo("scan/g.tif");
        assertThat(restored.format()).isEqualTo(OutputFormat.TIFF);
        assertThat(restored.bitDepth()).isEqualTo(16);
        assertThat(restored.timingsMillis()).containsOnlyKeys("inference", "encode");
        DecodedImage back = decode(restored.outputPath(), restored.encoded());
        assertThat(back.colour().channels()).isEqualTo(1);
        assertThat(levels(back.colour(), 0)).containsExactly(levels(source.colour(), 0));
        assertThat(alphaLevels(back.alpha().orElseThrow()))
                .containsExactly(alphaLevels(source.alpha().orElseThrow()));
    }

    @Test
    void eachPageIsWrittenUnderItsPagePathBesideWhereTheFileWouldGo() throws IOException {
        byte[] tiff = TestImages.tiffPages(
                TestImages.component(6, 4, false, false, 8, 1), TestImages.component(6, 4, false, false, 8, 2));
        byte[] gif = TestImages.gif(
                TestImages.palette(4, 4, new int[] {0, 0xffffff}, -1, 1),
                TestImages.palette(4, 4, new int[] {0, 0xffffff}, -1, 2));
        DecodedImage page;
        DecodedImage frame;
        try (ImagePages pages = decoder.open(ImageFile.of("scan/book.tif", 0, tiff));
                ImagePages frames = decoder.open(ImageFile.of("a/anim.gif", 0, gif))) {
            page = pages.read(2);
            frame = frames.read(2);
        }
        ImageEncoder toJpeg =
                ImageEncoder.builder().optFormat(OutputFormat.JPEG).build();

        assertThat(encoder.outputPathFor(frame)).isEqualTo("a/anim.page-002.png");
        assertThat(toJpeg.outputPathFor(page)).isEqualTo("scan/book.page-002.jpg");
        RestoredImage restored = encoder.restore(page, page.colour(), "denoise", OptionalDouble.empty(), Map.of());
        assertThat(restored.inputPath()).isEqualTo("scan/book.tif");
        assertThat(restored.outputPath()).isEqualTo("scan/book.page-002.tif");
        assertThat(restored.page()).isEqualTo(2);
        DecodedImage back = decode(restored.outputPath(), restored.encoded());
        assertThat(levels(back.colour(), 1)).containsExactly(levels(page.colour(), 1));
        assertThat(new String(back.metadata().xmp(), StandardCharsets.UTF_8))
                .contains("page=2 of 2")
                .contains("scan/book.tif");
    }

    private DecodedImage decode(String path, byte[] bytes) throws ImageDecodeException {
        return decoder.decode(ImageFile.of(path, 0, bytes));
    }

    /** A smooth image (JPEG-friendly) with the size and depth of {@code like}. */
    private static FloatImage smooth(FloatImage like) {
        int plane = like.width() * like.height();
        float[] samples = new float[3 * plane];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < like.height(); y++) {
                for (int x = 0; x < like.width(); x++) {
                    samples[c * plane + y * like.width() + x] =
                            0.2f + 0.6f * (x + y + c) / (like.width() + like.height() + 3f);
                }
            }
        }
        return FloatImage.wrap(3, like.height(), like.width(), like.bitDepth(), samples);
    }

    private static double maxDifference(FloatImage a, FloatImage b) {
        double max = 0;
        for (int c = 0; c < a.channels(); c++) {
            for (int y = 0; y < a.height(); y++) {
                for (int x = 0; x < a.width(); x++) {
                    max = Math.max(max, Math.abs(a.get(c, y, x) - b.get(c, y, x)));
                }
            }
        }
        return max;
    }
}
