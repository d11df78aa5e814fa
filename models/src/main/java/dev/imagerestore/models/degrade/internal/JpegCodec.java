package dev.imagerestore.models.degrade.internal;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Baseline JPEG in memory with the JDK's own writer (IJG quality scaling, YCbCr with chroma at half
 * resolution in both directions, 4:2:0, its default for three channels), through memory-cached
 * streams only (ImageIO's default stream cache is a temporary file per call). The JDK writer is chosen by
 * class name rather than taken first from the registry, so that a TwelveMonkeys plug-in on the class
 * path cannot change what a seed produces. Stateless.
 */
public final class JpegCodec {

    private static final String JDK_WRITER = "com.sun.imageio.plugins.jpeg.JPEGImageWriter";

    private JpegCodec() {}

    /** The JPEG file of {@code image} clamped and rounded to 8 bits, at {@code quality} in (0, 1]. */
    public static byte[] encode(FloatImage image, float quality) {
        if (!(quality > 0 && quality <= 1)) {
            throw new IllegalArgumentException("JPEG quality must be in (0, 1], got " + quality);
        }
        ImageWriter writer = jdkWriter();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(ImageFiles.toBufferedImage(image.withBitDepth(8)), null, null), param);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding failed in memory", e);
        } finally {
            writer.dispose();
        }
    }

    /** {@code jpeg} decoded to an image of {@code channels} channels (1 or 3), 8-bit. */
    public static FloatImage decode(byte[] jpeg, int channels) {
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg))) {
            reader.setInput(in);
            FloatImage decoded = ImageFiles.fromBufferedImage(reader.read(0));
            return decoded.channels() == channels
                    ? decoded
                    : channels == 1 ? decoded.toOneChannel() : decoded.toThreeChannels();
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG decoding failed in memory", e);
        } finally {
            reader.dispose();
        }
    }

    /** {@code image} saved as a JPEG at {@code quality} and read back. */
    public static FloatImage roundTrip(FloatImage image, float quality) {
        return decode(encode(image, quality), image.channels());
    }

    private static ImageWriter jdkWriter() {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter first = null;
        while (writers.hasNext()) {
            ImageWriter writer = writers.next();
            if (writer.getClass().getName().equals(JDK_WRITER)) {
                if (first != null) {
                    first.dispose();
                }
                return writer;
            }
            if (first == null) {
                first = writer;
            } else {
                writer.dispose();
            }
        }
        if (first == null) {
            throw new IllegalStateException("no JPEG writer is registered with ImageIO");
        }
        return first;
    }
}
