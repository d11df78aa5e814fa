package dev.imagerestore.operators.decode;

import static dev.imagerestore.operators.testing.TestImages.bandOf;
import static dev.imagerestore.operators.testing.TestImages.levels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.junit.jupiter.api.Test;

/**
 * Multi-page TIFFs (written here by the TwelveMonkeys writer as a sequence) and animated GIFs open
 * as one page per IFD or frame, each decoded on its own, with its own pixels, metadata and path.
 */
class ImagePagesTest {

    private final ImageDecoder decoder = ImageDecoder.builder().build();

    @Test
    void everyPageOfAMultiPageTiffDecodesWithItsOwnPixelsAndPagePath() throws IOException {
        BufferedImage[] sources = {
            TestImages.component(9, 6, false, false, 8, 1),
            TestImages.component(5, 7, true, false, 8, 2),
            TestImages.component(9, 6, false, false, 8, 3)
        };

        List<DecodedImage> pages = readAll(ImageFile.of("scans/book.tif", 0, TestImages.tiffPages(sources)));

        assertThat(pages)
                .extracting(DecodedImage::pagePath)
                .containsExactly("scans/book.page-001.tif", "scans/book.page-002.tif", "scans/book.page-003.tif");
        for (int i = 0; i < sources.length; i++) {
            DecodedImage page = pages.get(i);
            assertThat(page.relativePath()).isEqualTo("scans/book.tif");
            assertThat(page.page()).isEqualTo(i + 1);
            assertThat(page.pages()).isEqualTo(3);
            assertThat(page.sourceFormat()).isEqualTo("tiff");
            assertThat(page.width()).isEqualTo(sources[i].getWidth());
            assertThat(page.height()).isEqualTo(sources[i].getHeight());
            for (int c = 0; c < page.colour().channels(); c++) {
                assertThat(levels(page.colour(), c))
                        .as("page %s band %s", i + 1, c)
                        .containsExactly(bandOf(sources[i], c));
            }
        }
    }

    @Test
    void everyFrameOfAnAnimatedGifDecodesWithItsOwnColours() throws IOException {
        int[] palette = {0x102030, 0xf0e0d0};
        BufferedImage[] frames = {TestImages.palette(8, 8, palette, -1, 1), TestImages.palette(8, 8, palette, -1, 2)};

        List<DecodedImage> pages = readAll(ImageFile.of("anim.gif", 0, TestImages.gif(frames)));

        assertThat(pages).extracting(DecodedImage::pagePath).containsExactly("anim.page-001.gif", "anim.page-002.gif");
        for (int i = 0; i < frames.length; i++) {
            int[] index = bandOf(frames[i], 0);
            int[] blue = levels(pages.get(i).colour(), 2);
            for (int p = 0; p < index.length; p++) {
                assertThat(blue[p]).as("frame %s pixel %s", i + 1, p).isEqualTo(palette[index[p]] & 0xff);
            }
        }
        assertThat(bandOf(frames[0], 0)).as("the frames differ").isNotEqualTo(bandOf(frames[1], 0));
    }

    @Test
    void framesOfAnAnimatedGifAreCompositedAsShownWithEachDisposalMethod() throws IOException {
        int dark = 0x102030;
        int light = 0xf0e0d0;
        BufferedImage background = TestImages.palette(8, 6, new int[] {dark}, -1, 1);
        BufferedImage patch = TestImages.palette(3, 2, new int[] {light}, -1, 2);
        byte[] gif = TestImages.gif(
                new TestImages.GifFrame(background, 0, 0, "none"),
                new TestImages.GifFrame(patch, 4, 3, "restoreToBackgroundColor"),
                new TestImages.GifFrame(patch, 0, 0, "restoreToPrevious"),
                new TestImages.GifFrame(patch, 5, 0, "none"));

        List<DecodedImage> frames = readAll(ImageFile.of("anim.gif", 0, gif));

        assertThat(frames)
                .allSatisfy(f -> assertThat(f.width() * 10 + f.height())
                        .as("the screen's size")
                        .isEqualTo(86));
        assertThat(frames.get(0).alpha()).isEmpty();
        assertThat(blueAt(frames.get(0), 4, 5)).isEqualTo(dark & 0xff);
        // frame 2 is the patch over frame 1, not the patch alone
        assertThat(frames.get(1).alpha()).isEmpty();
        assertThat(blueAt(frames.get(1), 4, 5)).isEqualTo(light & 0xff);
        assertThat(blueAt(frames.get(1), 0, 0)).isEqualTo(dark & 0xff);
        // frame 2's rectangle was cleared to transparent before frame 3, drawn at the corner
        DecodedImage third = frames.get(2);
        assertThat(third.alpha()).isPresent();
        assertThat(third.alpha().get().level(5, 4)).as("cleared").isZero();
        assertThat(third.alpha().get().level(0, 0)).as("frame 3 itself").isEqualTo(255);
        assertThat(blueAt(third, 0, 0)).isEqualTo(light & 0xff);
        assertThat(blueAt(third, 2, 7)).isEqualTo(dark & 0xff);
        // frame 3 was undone (restoreToPrevious) before frame 4
        DecodedImage fourth = frames.get(3);
        assertThat(blueAt(fourth, 0, 0)).isEqualTo(dark & 0xff);
        assertThat(blueAt(fourth, 0, 5)).isEqualTo(light & 0xff);
        assertThat(fourth.alpha().get().level(5, 4)).as("still cleared").isZero();
    }

    private static int blueAt(DecodedImage image, int y, int x) {
        return levels(image.colour(), 2)[y * image.width() + x];
    }

    @Test
    void aPageAboveThePixelLimitFailsAloneNamingFileAndPage() throws IOException {
        byte[] tiff = TestImages.tiffPages(
                TestImages.component(8, 8, false, false, 8, 1),
                TestImages.component(20, 20, false, false, 8, 2),
                TestImages.component(8, 8, false, false, 8, 3));
        ImageDecoder limited = ImageDecoder.builder().optMaxPixels(100).build();

        try (ImagePages pages = limited.open(ImageFile.of("box/book.tif", 0, tiff))) {
            assertThat(pages.count()).isEqualTo(3);
            assertThat(pages.read(1).pagePath()).isEqualTo("box/book.page-001.tif");
            assertThatThrownBy(() -> pages.read(2))
                    .isInstanceOf(ImageDecodeException.class)
                    .hasMessageStartingWith("box/book.tif: page 2 of 3: image is 20x20")
                    .hasMessageContaining("--max-pixels");
            assertThat(pages.read(3).pagePath()).isEqualTo("box/book.page-003.tif");
        }
    }

    @Test
    void aTornPageFailsAloneNamingFileAndPage() throws IOException {
        List<IIOImage> images = new ArrayList<>();
        BufferedImage third = TestImages.component(16, 16, false, false, 8, 3);
        for (BufferedImage page : List.of(
                TestImages.component(16, 16, false, false, 8, 1),
                TestImages.component(16, 16, false, false, 8, 2),
                third)) {
            images.add(new IIOImage(page, null, null));
        }
        byte[] tiff = TestImages.tearPage(TestImages.tiffPages(images, "Deflate"), 2);

        try (ImagePages pages = decoder.open(ImageFile.of("book.tif", 0, tiff))) {
            assertThat(pages.read(1).pagePath()).isEqualTo("book.page-001.tif");
            assertThatThrownBy(() -> pages.read(2))
                    .isInstanceOf(ImageDecodeException.class)
                    .hasMessageStartingWith("book.tif: page 2 of 3: ");
            assertThat(levels(pages.read(3).colour(), 0)).containsExactly(bandOf(third, 0));
        }
    }

    @Test
    void eachPageKeepsItsOwnOrientationAndMetadata() throws IOException {
        BufferedImage page = TestImages.component(6, 4, false, false, 8, 5);
        List<IIOImage> images = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            images.add(new IIOImage(page, null, tiffMetadata(page, "Page " + i, i == 2 ? 6 : 1)));
        }

        List<DecodedImage> pages = readAll(ImageFile.of("book.tif", 0, TestImages.tiffPages(images)));

        assertThat(pages).extracting(DecodedImage::orientation).containsExactly(1, 6, 1);
        assertThat(pages).extracting(DecodedImage::width).containsExactly(6, 4, 6);
        assertThat(pages).extracting(p -> artist(p.metadata().exif())).containsExactly("Page 1", "Page 2", "Page 3");
    }

    @Test
    void aSingleImageIsPageOneOfOneKnownByItsOwnPath() throws IOException {
        byte[] png = TestImages.encode(TestImages.component(4, 3, false, false, 8, 1), "png");

        try (ImagePages pages = decoder.open(ImageFile.of("a/b.png", 0, png))) {
            assertThat(pages.count()).isEqualTo(1);
            DecodedImage only = pages.read(1);
            assertThat(only.isPageOfMany()).isFalse();
            assertThat(only.pagePath()).isEqualTo("a/b.png");
        }
        byte[] oneFrame = TestImages.gif(TestImages.palette(4, 4, new int[] {0, 0xffffff}, -1, 1));
        assertThat(decoder.decode(ImageFile.of("still.gif", 0, oneFrame)).pagePath())
                .isEqualTo("still.gif");
    }

    @Test
    void decodingAMultiPageFileAsOneImageIsRefusedWithItsPageCount() throws IOException {
        byte[] tiff = TestImages.tiffPages(
                TestImages.component(4, 4, true, false, 8, 1), TestImages.component(4, 4, true, false, 8, 2));

        assertThatThrownBy(() -> decoder.decode(ImageFile.of("book.tif", 0, tiff)))
                .isInstanceOf(ImageDecodeException.class)
                .hasMessageStartingWith("book.tif: has 2 pages");
    }

    @Test
    void pagePathsArePaddedToThreeDigitsBesideTheFile() {
        assertThat(DecodedImage.pagePath("scans/book.tif", 2)).isEqualTo("scans/book.page-002.tif");
        assertThat(DecodedImage.pagePath("a.b/scan.tar.TIFF", 12)).isEqualTo("a.b/scan.tar.page-012.TIFF");
        assertThat(DecodedImage.pagePath("noext", 1)).isEqualTo("noext.page-001");
        assertThat(DecodedImage.pagePath("book.tif", 1234)).isEqualTo("book.page-1234.tif");
    }

    private List<DecodedImage> readAll(ImageFile file) throws ImageDecodeException {
        List<DecodedImage> pages = new ArrayList<>();
        try (ImagePages open = decoder.open(file)) {
            for (int page = 1; page <= open.count(); page++) {
                pages.add(open.read(page));
            }
        }
        return pages;
    }

    /** The TwelveMonkeys writer's metadata for {@code image} with an Artist and an Orientation tag. */
    private static IIOMetadata tiffMetadata(BufferedImage image, String artist, int orientation) throws IOException {
        ImageWriter writer = TestImages.twelveMonkeysTiffWriter();
        try {
            IIOMetadata metadata =
                    writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
            String format = metadata.getNativeMetadataFormatName();
            IIOMetadataNode ifd = new IIOMetadataNode("TIFFIFD");
            ifd.appendChild(field(TIFF.TAG_ARTIST, "Artist", "TIFFAsciis", "TIFFAscii", artist));
            ifd.appendChild(
                    field(TIFF.TAG_ORIENTATION, "Orientation", "TIFFShorts", "TIFFShort", String.valueOf(orientation)));
            IIOMetadataNode root = new IIOMetadataNode(format);
            root.appendChild(ifd);
            metadata.mergeTree(format, root);
            return metadata;
        } finally {
            writer.dispose();
        }
    }

    private static IIOMetadataNode field(int number, String name, String arrayName, String valueName, String value) {
        IIOMetadataNode field = new IIOMetadataNode("TIFFField");
        field.setAttribute("number", String.valueOf(number));
        field.setAttribute("name", name);
        IIOMetadataNode array = new IIOMetadataNode(arrayName);
        IIOMetadataNode element = new IIOMetadataNode(valueName);
        element.setAttribute("value", value);
        array.appendChild(element);
        field.appendChild(array);
        return field;
    }

    private static String artist(byte[] exif) {
        try {
            Directory ifd0 = new TIFFReader().read(new MemoryCacheImageInputStream(new ByteArrayInputStream(exif)));
            return String.valueOf(ifd0.getEntryById(TIFF.TAG_ARTIST).getValue());
        } catch (IOException | RuntimeException e) {
            return "unreadable: " + e;
        }
    }
}
