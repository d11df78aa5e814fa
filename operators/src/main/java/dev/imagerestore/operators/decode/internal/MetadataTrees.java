package dev.imagerestore.operators.decode.internal;

import dev.imagerestore.operators.ImageMetadata;
import dev.imagerestore.operators.OutputFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFTag;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.w3c.dom.Node;

/**
 * Puts {@link ImageMetadata} into a writer's image metadata, through each plugin's native tree:
 *
 * <ul>
 *   <li>JPEG ({@code javax_imageio_jpeg_image_1.0}): the JFIF density, and marker segments the
 *       writer copies as they are: APP1 "Exif", APP1 XMP, APP2 "ICC_PROFILE" (in chunks of at most
 *       65519 bytes, as ICC.1 Annex B asks) and APP13 "Photoshop 3.0" with the IPTC resource. A
 *       block above one segment's 64 KiB (EXIF, XMP, IPTC) is left out: extended XMP is not written.
 *   <li>PNG ({@code javax_imageio_png_1.0}): pHYs, iCCP, an iTXt keyed "XML:com.adobe.xmp" and an
 *       eXIf chunk. PNG has no place for IPTC: it is left out.
 *   <li>TIFF (the JDK writer's {@link TIFFDirectory}): resolution, ICC profile (34675), XMP (700),
 *       IPTC (33723), and the EXIF's descriptive IFD0 tags with its Exif and GPS sub-IFDs.
 * </ul>
 * BMP and PNM hold none of these; their outputs have none.
 */
final class MetadataTrees {

    private static final int APP1 = 0xE1;
    private static final int APP2 = 0xE2;
    private static final int APP13 = 0xED;
    private static final int SEGMENT_MAX = 65533;
    private static final int ICC_CHUNK = 65519;

    private MetadataTrees() {}

    /** {@code base} (the writer's default metadata, modified) with {@code metadata} added. */
    static IIOMetadata add(IIOMetadata base, OutputFormat format, ImageMetadata metadata) throws IOException {
        return switch (format) {
            case JPEG -> jpeg(base, metadata);
            case PNG -> png(base, metadata);
            case TIFF -> tiff(base, metadata);
            default -> base;
        };
    }

    private static IIOMetadata jpeg(IIOMetadata base, ImageMetadata metadata) throws IIOInvalidTreeException {
        String name = base.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) base.getAsTree(name);
        IIOMetadataNode jfif = child(child(root, "JPEGvariety"), "app0JFIF");
        if (jfif != null && metadata.hasDpi()) {
            jfif.setAttribute("resUnits", "1");
            jfif.setAttribute("Xdensity", Integer.toString((int) Math.min(65535, Math.round(metadata.dpiX()))));
            jfif.setAttribute("Ydensity", Integer.toString((int) Math.min(65535, Math.round(metadata.dpiY()))));
        }
        IIOMetadataNode sequence = child(root, "markerSequence");
        Node first = sequence.getFirstChild();
        byte[] exif = metadata.exif();
        if (exif.length > 0) {
            insert(sequence, first, APP1, concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), exif));
        }
        byte[] xmp = metadata.xmp();
        if (xmp.length > 0) {
            insert(
                    sequence,
                    first,
                    APP1,
                    concat("http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1), xmp));
        }
        byte[] icc = metadata.icc();
        int chunks = (icc.length + ICC_CHUNK - 1) / ICC_CHUNK;
        for (int i = 0; i < chunks && chunks < 256; i++) {
            byte[] part = java.util.Arrays.copyOfRange(icc, i * ICC_CHUNK, Math.min(icc.length, (i + 1) * ICC_CHUNK));
            byte[] header = concat(
                    "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1), new byte[] {(byte) (i + 1), (byte) chunks});
            insert(sequence, first, APP2, concat(header, part));
        }
        byte[] iptc = metadata.iptc();
        if (iptc.length > 0) {
            insert(
                    sequence,
                    first,
                    APP13,
                    concat("Photoshop 3.0\0".getBytes(StandardCharsets.ISO_8859_1), PhotoshopResources.ofIptc(iptc)));
        }
        base.setFromTree(name, root);
        return base;
    }

    private static void insert(IIOMetadataNode sequence, Node before, int marker, byte[] data) {
        if (data.length > SEGMENT_MAX) {
            return;
        }
        IIOMetadataNode unknown = new IIOMetadataNode("unknown");
        unknown.setAttribute("MarkerTag", Integer.toString(marker));
        unknown.setUserObject(data);
        sequence.insertBefore(unknown, before);
    }

    private static IIOMetadata png(IIOMetadata base, ImageMetadata metadata) throws IOException {
        String name = base.getNativeMetadataFormatName();
        IIOMetadataNode root = new IIOMetadataNode(name);
        byte[] icc = metadata.icc();
        if (icc.length > 0) {
            IIOMetadataNode iccp = new IIOMetadataNode("iCCP");
            iccp.setAttribute("profileName", "ICC profile");
            iccp.setAttribute("compressionMethod", "deflate");
            iccp.setUserObject(deflate(icc));
            root.appendChild(iccp);
        }
        if (metadata.hasDpi()) {
            IIOMetadataNode phys = new IIOMetadataNode("pHYs");
            phys.setAttribute("pixelsPerUnitXAxis", Long.toString(Math.round(metadata.dpiX() / 0.0254)));
            phys.setAttribute("pixelsPerUnitYAxis", Long.toString(Math.round(metadata.dpiY() / 0.0254)));
            phys.setAttribute("unitSpecifier", "meter");
            root.appendChild(phys);
        }
        byte[] xmp = metadata.xmp();
        if (xmp.length > 0) {
            IIOMetadataNode entry = new IIOMetadataNode("iTXtEntry");
            entry.setAttribute("keyword", PngChunks.XMP_KEYWORD);
            entry.setAttribute("compressionFlag", "FALSE");
            entry.setAttribute("compressionMethod", "0");
            entry.setAttribute("languageTag", "");
            entry.setAttribute("translatedKeyword", "");
            entry.setAttribute("text", new String(xmp, StandardCharsets.UTF_8));
            IIOMetadataNode itxt = new IIOMetadataNode("iTXt");
            itxt.appendChild(entry);
            root.appendChild(itxt);
        }
        byte[] exif = metadata.exif();
        if (exif.length > 0) {
            IIOMetadataNode chunk = new IIOMetadataNode("UnknownChunk");
            chunk.setAttribute("type", "eXIf");
            chunk.setUserObject(exif);
            IIOMetadataNode chunks = new IIOMetadataNode("UnknownChunks");
            chunks.appendChild(chunk);
            root.appendChild(chunks);
        }
        base.mergeTree(name, root);
        return base;
    }

    private static IIOMetadata tiff(IIOMetadata base, ImageMetadata metadata) throws IOException {
        if (!"javax_imageio_tiff_image_1.0".equals(base.getNativeMetadataFormatName())) {
            return base;
        }
        TIFFDirectory directory = TIFFDirectory.createFromMetadata(base);
        BaselineTIFFTagSet baseline = BaselineTIFFTagSet.getInstance();
        if (metadata.hasDpi()) {
            directory.addTIFFField(new TIFFField(
                    baseline.getTag(BaselineTIFFTagSet.TAG_X_RESOLUTION), TIFFTag.TIFF_RATIONAL, 1, new long[][] {
                        {Math.round(metadata.dpiX() * 1000), 1000}
                    }));
            directory.addTIFFField(new TIFFField(
                    baseline.getTag(BaselineTIFFTagSet.TAG_Y_RESOLUTION), TIFFTag.TIFF_RATIONAL, 1, new long[][] {
                        {Math.round(metadata.dpiY() * 1000), 1000}
                    }));
            directory.addTIFFField(new TIFFField(
                    baseline.getTag(BaselineTIFFTagSet.TAG_RESOLUTION_UNIT), BaselineTIFFTagSet.RESOLUTION_UNIT_INCH));
        }
        addBytes(
                directory, baseline.getTag(BaselineTIFFTagSet.TAG_ICC_PROFILE), TIFFTag.TIFF_UNDEFINED, metadata.icc());
        addBytes(directory, new TIFFTag("XMP", 700, 1 << TIFFTag.TIFF_BYTE), TIFFTag.TIFF_BYTE, metadata.xmp());
        addBytes(
                directory,
                new TIFFTag("IPTC", 33723, 1 << TIFFTag.TIFF_UNDEFINED),
                TIFFTag.TIFF_UNDEFINED,
                metadata.iptc());
        byte[] exif = metadata.exif();
        if (exif.length > 0) {
            for (TIFFField field : exifFields(exif)) {
                if (MetadataReading.TIFF_DESCRIPTIVE_TAGS.contains(field.getTagNumber())) {
                    directory.addTIFFField(field);
                }
            }
        }
        return directory.getAsMetadata();
    }

    private static void addBytes(TIFFDirectory directory, TIFFTag tag, int type, byte[] bytes) {
        if (bytes.length > 0) {
            directory.addTIFFField(new TIFFField(tag, type, bytes.length, bytes));
        }
    }

    /** The IFD0 fields of a TIFF-structured EXIF block, read by the JDK TIFF reader (sub-IFDs included). */
    private static TIFFField[] exifFields(byte[] exif) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("tiff");
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            try {
                if (reader.getClass().getName().startsWith(ImageWriting.JDK_TIFF_PACKAGE)) {
                    reader.setInput(new MemoryCacheImageInputStream(new ByteArrayInputStream(exif)));
                    return TIFFDirectory.createFromMetadata(reader.getImageMetadata(0))
                            .getTIFFFields();
                }
            } catch (IOException | RuntimeException unreadable) {
                return new TIFFField[0];
            } finally {
                reader.dispose();
            }
        }
        return new TIFFField[0];
    }

    private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeName().equals(name)) {
                return (IIOMetadataNode) n;
            }
        }
        return null;
    }

    private static byte[] deflate(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_COMPRESSION))) {
            zlib.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }
}
