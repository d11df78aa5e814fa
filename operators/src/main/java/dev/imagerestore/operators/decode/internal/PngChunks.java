package dev.imagerestore.operators.decode.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.imageio.metadata.IIOMetadata;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The metadata of a PNG: the XMP packet from the reader's native tree (an iTXt chunk keyed
 * {@value #XMP_KEYWORD}, which the JDK reader inflates), and the two chunks the JDK reader leaves
 * out of its tree, found by walking the chunk list before the first IDAT: eXIf (EXIF as a TIFF
 * structure, PNG 1.5 / PNG third edition) and iCCP (a named, zlib-compressed ICC profile).
 */
final class PngChunks {

    static final String XMP_KEYWORD = "XML:com.adobe.xmp";
    private static final String NATIVE_FORMAT = "javax_imageio_png_1.0";

    private PngChunks() {}

    /** EXIF, IPTC (PNG has no place for it: always empty) and XMP. */
    static byte[][] read(byte[] file, IIOMetadata metadata) {
        byte[] exif = chunk(file, "eXIf");
        return new byte[][] {exif == null ? new byte[0] : exif, new byte[0], xmp(metadata)};
    }

    /** The iCCP profile, inflated; empty if there is none or it does not inflate. */
    static byte[] iccProfile(byte[] file) {
        byte[] iccp = chunk(file, "iCCP");
        int nul = iccp == null ? -1 : indexOf(iccp, (byte) 0);
        if (nul < 0 || nul + 2 > iccp.length) {
            return new byte[0];
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(iccp, nul + 2, iccp.length - nul - 2);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return new byte[0];
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException corrupt) {
            return new byte[0];
        } finally {
            inflater.end();
        }
    }

    private static byte[] xmp(IIOMetadata metadata) {
        if (metadata == null
                || !Arrays.asList(metadata.getMetadataFormatNames()).contains(NATIVE_FORMAT)) {
            return new byte[0];
        }
        Node root = metadata.getAsTree(NATIVE_FORMAT);
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!n.getNodeName().equals("iTXt")) {
                continue;
            }
            for (Node entry = n.getFirstChild(); entry != null; entry = entry.getNextSibling()) {
                if (entry instanceof Element e && XMP_KEYWORD.equals(e.getAttribute("keyword"))) {
                    return e.getAttribute("text").getBytes(StandardCharsets.UTF_8);
                }
            }
        }
        return new byte[0];
    }

    /** The data of the first chunk of {@code type} before the image data, or null. */
    private static byte[] chunk(byte[] file, String type) {
        ByteBuffer in = ByteBuffer.wrap(file);
        if (in.remaining() < 8) {
            return null;
        }
        in.position(8);
        while (in.remaining() >= 12) {
            int length = in.getInt();
            byte[] name = new byte[4];
            in.get(name);
            String chunkType = new String(name, StandardCharsets.ISO_8859_1);
            if (length < 0 || length > in.remaining() - 4 || chunkType.equals("IDAT")) {
                return null;
            }
            if (chunkType.equals(type)) {
                byte[] data = new byte[length];
                in.get(data);
                return data;
            }
            in.position(in.position() + length + 4);
        }
        return null;
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < Math.min(bytes.length, 80); i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
