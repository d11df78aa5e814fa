package dev.imagerestore.operators.decode.internal;

import dev.imagerestore.operators.OutputFormat;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes a BufferedImage to bytes with the first ImageIO writer that succeeds: writers announce
 * more than they can do (the TwelveMonkeys TIFF writer, for one, rejects 16-bit RGB), so each
 * writer that claims the image is tried in turn. TIFF is written with Deflate compression, except
 * by the JDK's own TIFF writer (the one that takes 16-bit RGB), which gets LZW: its Deflate
 * compressor sizes its buffer for 5 bytes of zlib overhead per 32 KiB where zlib needs 5 per 16 KiB,
 * so strips that do not compress (noise-like 16-bit samples) were cut short and the file could not be
 * read back (the same code as jai-imageio-core, its issue 68). JPEG is written at the given quality
 * (baseline); the other formats with their defaults.
 */
public final class ImageWriting {

    /** The package of the JDK's TIFF plugin, whose Deflate compressor truncates incompressible strips. */
    private static final String JDK_TIFF_WRITER_PACKAGE = "com.sun.imageio.plugins.tiff.";

    private ImageWriting() {}

    public static byte[] write(BufferedImage image, OutputFormat format, float jpegQuality) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWriters(ImageTypeSpecifier.createFromRenderedImage(image),
                format.imageIoName());
        IOException failure = new IOException("no ImageIO writer could write a " + describe(image) + " as "
                + format.imageIoName());
        while (writers.hasNext()) {
            ImageWriter writer = writers.next();
            try {
                return writeWith(writer, image, format, jpegQuality);
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            } finally {
                writer.dispose();
            }
        }
        throw failure;
    }

    private static byte[] writeWith(ImageWriter writer, BufferedImage image, OutputFormat format, float quality)
            throws IOException {
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (format == OutputFormat.JPEG) {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
        } else if (format == OutputFormat.TIFF && param.canWriteCompressed()) {
            String compression = writer.getClass().getName().startsWith(JDK_TIFF_WRITER_PACKAGE) ? "LZW" : "Deflate";
            if (Arrays.asList(param.getCompressionTypes()).contains(compression)) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType(compression);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        }
        return bytes.toByteArray();
    }

    private static String describe(BufferedImage image) {
        return image.getRaster().getNumBands() + "-band " + image.getColorModel().getComponentSize(0) + "-bit image";
    }
}
