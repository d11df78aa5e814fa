package dev.imagerestore.operators.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twelvemonkeys.imageio.metadata.CompoundDirectory;
import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.tiff.IFD;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFEntry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFWriter;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.ImageMetadata;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.RestoredImage;
import dev.imagerestore.operators.decode.internal.ImageWriting;
import dev.imagerestore.operators.testing.TestImages;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Files written here with EXIF (Artist, Copyright, camera, DateTimeOriginal, an orientation),
 * IPTC, XMP, a non-sRGB ICC profile (the JDK's linear RGB) and 300 dpi go through the decoder and
 * the encoder's restore path; the output is read back with TwelveMonkeys' EXIF reader and the
 * decoder, and must hold all of it plus the XMP provenance record.
 */
class MetadataRoundTripTest {

    private static final byte[] IPTC = {0x1c, 0x02, 0x50, 0x00, 0x03, 'A', 'n', 'n'};
    private static final String DOCUMENT_ID = "xmp.did:4f2c0a1e-archive-0001";
    private static final ImageEncoder ENCODER = ImageEncoder.builder()
            .optProvenance(new Provenance("image-restoration 0.1.0", "denoise-small", "ab12cd", OptionalLong.of(7)))
            .build();

    /**
     * The orientation: the decoder turns JPEG pixels upright, so the output says 1; a PNG's pixels
     * are left as stored, so its eXIf keeps 6; a TIFF's own orientation is a layout tag, not EXIF.
     */
    @ParameterizedTest(name = "{0}, {1}-bit")
    @CsvSource({"JPEG, 8, jpg, 1", "PNG, 8, png, 6", "PNG, 16, png, 6", "TIFF, 16, tif, 1"})
    void exifIptcXmpIccAndDpiReachTheOutputWithTheProvenanceRecord(
            OutputFormat format, int bits, String ext, int orientationOut) throws IOException {
        byte[] icc = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
        ImageMetadata source = new ImageMetadata(exif(6), IPTC, xmp(), icc, 300, 300);
        BufferedImage image = TestImages.component(24, 16, false, false, bits, 11);
        String path = "scans/box 1/a." + ext;
        DecodedImage decoded = ImageDecoder.builder()
                .build()
                .decode(ImageFile.of(path, 0, ImageWriting.write(image, format, 0.95f, source)));

        RestoredImage restored =
                ENCODER.restore(decoded, decoded.colour(), "denoise", OptionalDouble.of(5.5), Map.of());
        byte[] out = restored.encoded();
        ImageMetadata written = ImageDecoder.builder()
                .build()
                .decode(ImageFile.of(path, 0, out))
                .metadata();

        Directory ifd0 = ifd0(written.exif());
        assertThat(ifd0.getEntryById(TIFF.TAG_ARTIST).getValue()).isEqualTo("Ann Artist");
        assertThat(ifd0.getEntryById(TIFF.TAG_COPYRIGHT).getValue()).isEqualTo("(c) 1931 Ann Artist");
        assertThat(ifd0.getEntryById(TIFF.TAG_MODEL).getValue()).isEqualTo("Box Camera");
        Directory exifIfd = (Directory) ifd0.getEntryById(TIFF.TAG_EXIF_IFD).getValue();
        assertThat(exifIfd.getEntryById(36867).getValue()).isEqualTo("1931:05:17 10:20:30");
        Entry orientation = ifd0.getEntryById(TIFF.TAG_ORIENTATION);
        assertThat(orientation == null ? 1 : ((Number) orientation.getValue()).intValue())
                .isEqualTo(orientationOut);
        assertThat(decoded.width()).isEqualTo(format == OutputFormat.JPEG ? 16 : 24);
        if (format != OutputFormat.PNG) {
            assertThat(written.iptc()).isEqualTo(IPTC);
        }
        assertThat(written.icc()).isEqualTo(icc);
        assertThat(written.dpiX()).isEqualTo(300.0, Offset.offset(0.01));
        assertThat(written.dpiY()).isEqualTo(300.0, Offset.offset(0.01));
        String xmp = new String(written.xmp(), StandardCharsets.UTF_8);
        assertThat(xmp)
                .contains(
                        "Original caption",
                        "xmpMM:DerivedFrom",
                        "<stRef:filePath>" + path,
                        "<stRef:documentID>" + DOCUMENT_ID,
                        "<stEvt:action>derived",
                        "image-restoration 0.1.0",
                        "task=denoise",
                        "model=denoise-small",
                        "weights-sha256=ab12cd",
                        "seed=7",
                        "noise-level=5.50",
                        "<stEvt:when>");
        assertThat(restored.outputPath()).isEqualTo(path);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"JPEG, jpg", "PNG, png", "TIFF, tif"})
    void withSourceDateEpochTwoEncodingsOfOneImageAreByteIdenticalAndDatedByIt(OutputFormat format, String ext)
            throws Exception {
        Provenance base = new Provenance("image-restoration 0.1.0", "restore-small", "ab12cd", OptionalLong.of(7));
        ImageEncoder dated = ImageEncoder.builder()
                .optProvenance(base.withSourceDateEpoch("1767225600"))
                .build();
        BufferedImage image = TestImages.component(24, 16, false, false, 8, 3);
        String path = "a." + ext;
        DecodedImage decoded = ImageDecoder.builder()
                .build()
                .decode(ImageFile.of(
                        path,
                        0,
                        ImageWriting.write(
                                image, format, 0.95f, new ImageMetadata(exif(1), IPTC, xmp(), new byte[0], 300, 300))));

        byte[] first = dated.restore(decoded, decoded.colour(), "restore", OptionalDouble.empty(), Map.of())
                .encoded();
        Thread.sleep(1100);
        byte[] second = dated.restore(decoded, decoded.colour(), "restore", OptionalDouble.empty(), Map.of())
                .encoded();
        byte[] undated = ENCODER.restore(decoded, decoded.colour(), "restore", OptionalDouble.empty(), Map.of())
                .encoded();

        assertThat(second).isEqualTo(first);
        assertThat(undated).isNotEqualTo(first);
        String xmp = new String(
                ImageDecoder.builder()
                        .build()
                        .decode(ImageFile.of(path, 0, first))
                        .metadata()
                        .xmp(),
                StandardCharsets.UTF_8);
        assertThat(xmp).contains("<stEvt:when>2026-01-01T00:00:00Z</stEvt:when>");
    }

    @ParameterizedTest(name = "SOURCE_DATE_EPOCH={0}")
    @CsvSource({"yesterday", "-1", "1.5"})
    void aSourceDateEpochThatIsNoWholeNumberOfSecondsIsRefusedByName(String value) {
        Provenance base = Provenance.of("image-restoration 0.1.0");
        assertThatThrownBy(() -> base.withSourceDateEpoch(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, e.g. "
                        + "1767225600, got '" + value + "'; unset it to date outputs when they are written");
        assertThat(base.withSourceDateEpoch("")).isEqualTo(base);
        assertThat(base.withSourceDateEpoch(null)).isEqualTo(base);
    }

    @Test
    void samplesInANonSrgbProfileKeepTheirColourThroughTheJob() throws IOException {
        ICC_ColorSpace linear = (ICC_ColorSpace) ColorSpace.getInstance(ColorSpace.CS_LINEAR_RGB);
        ComponentColorModel model = new ComponentColorModel(
                linear, new int[] {16, 16, 16}, false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        BufferedImage original = new BufferedImage(
                model, TestImages.component(8, 8, false, false, 16, 5).getRaster(), false, null);
        ImageMetadata profiled = new ImageMetadata(
                new byte[0], new byte[0], new byte[0], linear.getProfile().getData(), 0, 0);
        DecodedImage decoded = ImageDecoder.builder()
                .build()
                .decode(ImageFile.of("a.tif", 0, ImageWriting.write(original, OutputFormat.TIFF, 0.95f, profiled)));
        byte[] out = ENCODER.restore(decoded, decoded.colour(), "denoise", OptionalDouble.empty(), Map.of())
                .encoded();

        BufferedImage written = ImageIO.read(new ByteArrayInputStream(out));
        ICC_Profile embedded = ICC_Profile.getInstance(ImageDecoder.builder()
                .build()
                .decode(ImageFile.of("a.tif", 0, out))
                .metadata()
                .icc());
        ComponentColorModel writtenModel = new ComponentColorModel(
                new ICC_ColorSpace(embedded),
                new int[] {16, 16, 16},
                false,
                false,
                Transparency.OPAQUE,
                DataBuffer.TYPE_USHORT);
        BufferedImage managed = new BufferedImage(writtenModel, written.getRaster(), false, null);
        assertThat(TestImages.bandOf(toSrgb(managed), 1)).isEqualTo(TestImages.bandOf(toSrgb(original), 1));
        assertThat(TestImages.bandOf(written, 0)).isEqualTo(TestImages.bandOf(original, 0));
    }

    @Test
    void aJpegWithAProfileIsReadAsStoredNotConvertedUnderItsProfile() throws IOException {
        BufferedImage flat = new BufferedImage(16, 16, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                flat.setRGB(x, y, 0x406080);
            }
        }
        byte[] linear = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
        DecodedImage decoded = ImageDecoder.builder()
                .build()
                .decode(ImageFile.of(
                        "a.jpg",
                        0,
                        ImageWriting.write(
                                flat,
                                OutputFormat.JPEG,
                                1f,
                                new ImageMetadata(new byte[0], new byte[0], new byte[0], linear, 0, 0))));

        assertThat(decoded.metadata().icc()).isEqualTo(linear);
        int[] stored = {0x40, 0x60, 0x80};
        for (int c = 0; c < 3; c++) {
            int expected = stored[c];
            assertThat(IntStream.of(TestImages.levels(decoded.colour(), c))
                            .boxed()
                            .toList())
                    .as("channel %s, not its sRGB conversion", c)
                    .allSatisfy(level -> assertThat(level).isCloseTo(expected, Offset.offset(2)));
        }
    }

    @Test
    void aJpegNamedPngKeepsItsNameAndItsJpegContent() throws IOException {
        byte[] jpeg = TestImages.jpeg(TestImages.component(16, 16, false, false, 8, 3));
        DecodedImage decoded = ImageDecoder.builder().build().decode(ImageFile.of("old/scan.png", 0, jpeg));
        RestoredImage restored =
                ENCODER.restore(decoded, decoded.colour(), "denoise", OptionalDouble.empty(), Map.of());
        assertThat(restored.outputPath()).isEqualTo("old/scan.png");
        assertThat(restored.format()).isEqualTo(OutputFormat.JPEG);
        assertThat(ImageIO.getImageReaders(new MemoryCacheImageInputStream(restored.openStream()))
                        .next()
                        .getOriginatingProvider()
                        .getFormatNames())
                .contains("jpeg");
    }

    private static BufferedImage toSrgb(BufferedImage image) {
        ComponentColorModel srgb = new ComponentColorModel(
                ColorSpace.getInstance(ColorSpace.CS_sRGB),
                new int[] {16, 16, 16},
                false,
                false,
                Transparency.OPAQUE,
                DataBuffer.TYPE_USHORT);
        BufferedImage out = new BufferedImage(
                srgb, srgb.createCompatibleWritableRaster(image.getWidth(), image.getHeight()), false, null);
        return new ColorConvertOp(null).filter(image, out);
    }

    private static byte[] exif(int orientation) throws IOException {
        List<Entry> exifIfd = List.of(new TIFFEntry(36867, TIFF.TYPE_ASCII, "1931:05:17 10:20:30"));
        List<Entry> entries = List.of(
                new TIFFEntry(TIFF.TAG_MAKE, TIFF.TYPE_ASCII, "Kodak"),
                new TIFFEntry(TIFF.TAG_MODEL, TIFF.TYPE_ASCII, "Box Camera"),
                new TIFFEntry(TIFF.TAG_ORIENTATION, TIFF.TYPE_SHORT, orientation),
                new TIFFEntry(TIFF.TAG_ARTIST, TIFF.TYPE_ASCII, "Ann Artist"),
                new TIFFEntry(TIFF.TAG_COPYRIGHT, TIFF.TYPE_ASCII, "(c) 1931 Ann Artist"),
                new TIFFEntry(TIFF.TAG_EXIF_IFD, TIFF.TYPE_LONG, new IFD(exifIfd)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            new TIFFWriter().write(entries, out);
        }
        return bytes.toByteArray();
    }

    private static byte[] xmp() {
        return ("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                        + "<rdf:Description rdf:about=\"\" xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\""
                        + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmpMM:DocumentID=\"" + DOCUMENT_ID + "\">"
                        + "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">Original caption</rdf:li></rdf:Alt>"
                        + "</dc:description></rdf:Description></rdf:RDF></x:xmpmeta>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Directory ifd0(byte[] exif) throws IOException {
        assertThat(exif).as("EXIF block").isNotEmpty();
        Directory directory = new TIFFReader().read(new MemoryCacheImageInputStream(new ByteArrayInputStream(exif)));
        return directory instanceof CompoundDirectory compound ? compound.getDirectory(0) : directory;
    }
}
