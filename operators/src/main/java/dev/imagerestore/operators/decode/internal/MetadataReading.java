package dev.imagerestore.operators.decode.internal;

import com.twelvemonkeys.imageio.metadata.CompoundDirectory;
import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFWriter;
import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.ImageMetadata;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataFormatImpl;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.w3c.dom.Node;

/**
 * Reads a source's {@link ImageMetadata}: EXIF, IPTC and XMP from where each format keeps them
 * (JPEG APP1/APP13 segments through TwelveMonkeys' segment reader, PNG eXIf and iTXt chunks, TIFF
 * IFD0 tags through TwelveMonkeys' TIFF reader), the resolution from the reader's standard
 * {@code javax_imageio_1.0} tree, and the ICC profile the decoded samples are in.
 *
 * <p>A TIFF source's EXIF is gathered into a TIFF structure of its descriptive IFD0 tags (those in
 * {@link #TIFF_DESCRIPTIVE_TAGS}) and its Exif and GPS sub-IFDs, the form every other source has.
 * Metadata that cannot be read is left out: it never fails the decode.
 */
final class MetadataReading {

    /** IFD0 tags of a TIFF that describe the picture, not the pixel layout: these travel as EXIF. */
    static final Set<Integer> TIFF_DESCRIPTIVE_TAGS =
            Set.of(269, 270, 271, 272, 305, 306, 315, 316, 33432, 34665, 34853);

    private static final String XMP_ID = "http://ns.adobe.com/xap/1.0/";
    private static final int TIFF_XMP = 700;
    private static final int TIFF_IPTC = 33723;

    private MetadataReading() {}

    /** The metadata of page {@code index} (from 0) of {@code file}, whose reader gave {@code imageMetadata}. */
    static ImageMetadata read(ImageFile file, String format, int index, IIOMetadata imageMetadata, byte[] icc) {
        byte[] none = new byte[0];
        byte[][] blocks = {none, none, none};
        try {
            blocks = switch (format) {
                case "jpeg" -> jpeg(file);
                case "png" -> PngChunks.read(pngHead(file), imageMetadata);
                case "tiff" -> tiff(file, index);
                default -> blocks;
            };
        } catch (IOException | RuntimeException unreadable) {
            blocks = new byte[][] {none, none, none};
        }
        double[] dpi = dpi(imageMetadata);
        byte[] profile = icc != null ? icc : format.equals("png") ? PngChunks.iccProfile(pngHead(file)) : none;
        return new ImageMetadata(blocks[0], blocks[1], blocks[2], profile, dpi[0], dpi[1]);
    }

    /**
     * Where a PNG's chunks before its image data lie: the bytes held, or the first
     * {@value #PNG_HEAD_BYTES} bytes of a located file (chunks that start later are not read).
     */
    private static byte[] pngHead(ImageFile file) {
        if (file.location().isEmpty()) {
            return file.bytes();
        }
        try (InputStream in = file.openStream()) {
            return in.readNBytes(PNG_HEAD_BYTES);
        } catch (IOException | RuntimeException unreadable) {
            return new byte[0];
        }
    }

    /** How much of a located PNG is read for its chunks before the image data. */
    static final int PNG_HEAD_BYTES = 16 << 20;

    /** EXIF, IPTC and XMP of a JPEG, each empty when absent. */
    private static byte[][] jpeg(ImageFile file) throws IOException {
        try (ImageInputStream in = file.openImageStream()) {
            List<JPEGSegment> segments = JPEGSegmentUtil.readSegments(
                    in, Map.of(JPEG.APP1, List.of("Exif", XMP_ID), JPEG.APP13, List.of("Photoshop 3.0")));
            byte[] exif = new byte[0];
            byte[] xmp = new byte[0];
            byte[] iptc = new byte[0];
            for (JPEGSegment segment : segments) {
                byte[] data = segment.data().readAllBytes();
                if (segment.marker() == JPEG.APP1 && "Exif".equals(segment.identifier()) && exif.length == 0) {
                    exif = data.length > 0 && data[0] == 0 ? Arrays.copyOfRange(data, 1, data.length) : data;
                } else if (segment.marker() == JPEG.APP1 && xmp.length == 0) {
                    xmp = data;
                } else if (segment.marker() == JPEG.APP13 && iptc.length == 0) {
                    iptc = PhotoshopResources.iptc(data);
                }
            }
            return new byte[][] {exif, iptc, xmp};
        }
    }

    /** EXIF (descriptive IFD tags and sub-IFDs), IPTC and XMP of the TIFF page {@code index}. */
    private static byte[][] tiff(ImageFile file, int index) throws IOException {
        Directory directory;
        try (ImageInputStream in = file.openImageStream()) {
            directory = new TIFFReader().read(in);
        }
        Directory first = ifd(directory, index);
        List<Entry> descriptive = new ArrayList<>();
        byte[] iptc = new byte[0];
        byte[] xmp = new byte[0];
        for (Entry entry : first) {
            int tag = ((Number) entry.getIdentifier()).intValue();
            if (TIFF_DESCRIPTIVE_TAGS.contains(tag)) {
                descriptive.add(entry);
            } else if (tag == TIFF_XMP && entry.getValue() instanceof byte[] bytes) {
                xmp = bytes;
            } else if (tag == TIFF_IPTC && entry.getValue() instanceof byte[] bytes) {
                iptc = bytes;
            }
        }
        return new byte[][] {descriptive.isEmpty() ? new byte[0] : tiffStructure(descriptive), iptc, xmp};
    }

    /**
     * The IFD of page {@code index} (from 0) in what TwelveMonkeys' TIFF reader gave: one directory
     * per page of the IFD chain, or a single one.
     */
    static Directory ifd(Directory directory, int index) {
        if (directory instanceof CompoundDirectory compound && compound.directoryCount() > 0) {
            if (index >= compound.directoryCount()) {
                throw new IllegalArgumentException(
                        "the TIFF has " + compound.directoryCount() + " IFDs, no page " + (index + 1));
            }
            return compound.getDirectory(index);
        }
        if (index > 0) {
            throw new IllegalArgumentException("the TIFF has one IFD, no page " + (index + 1));
        }
        return directory;
    }

    private static byte[] tiffStructure(List<Entry> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            new TIFFWriter().write(entries, out);
        }
        return bytes.toByteArray();
    }

    /** Pixels per inch from the standard tree's pixel sizes (millimetres per pixel); 0 when undeclared. */
    private static double[] dpi(IIOMetadata metadata) {
        double[] dpi = {0, 0};
        if (metadata == null || !metadata.isStandardMetadataFormatSupported()) {
            return dpi;
        }
        Node root = metadata.getAsTree(IIOMetadataFormatImpl.standardMetadataFormatName);
        for (Node dimension = root.getFirstChild(); dimension != null; dimension = dimension.getNextSibling()) {
            if (!dimension.getNodeName().equals("Dimension")) {
                continue;
            }
            for (Node n = dimension.getFirstChild(); n != null; n = n.getNextSibling()) {
                int axis = n.getNodeName().equals("HorizontalPixelSize")
                        ? 0
                        : n.getNodeName().equals("VerticalPixelSize") ? 1 : -1;
                Node value =
                        n.getAttributes() == null ? null : n.getAttributes().getNamedItem("value");
                if (axis >= 0 && value != null) {
                    double mm = Double.parseDouble(value.getNodeValue());
                    dpi[axis] = mm > 0 && Double.isFinite(mm) ? Math.round(25.4 / mm * 1000) / 1000.0 : 0;
                }
            }
        }
        return dpi[0] > 0 && dpi[1] > 0 ? dpi : new double[] {0, 0};
    }
}
