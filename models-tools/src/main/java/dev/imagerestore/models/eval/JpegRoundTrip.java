package dev.imagerestore.models.eval;

import dev.imagerestore.models.degrade.Awgn;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * An image as it comes back from being saved as a baseline JPEG: clamped and rounded to 8 bits,
 * written by the first ImageIO JPEG writer at a given quality (YCbCr with chroma at half resolution
 * in both directions, the writers' default), and decoded again. Archives hold many noisy scans in
 * this form, and its noise is no longer white or independent across channels. Stateless.
 */
public final class JpegRoundTrip {

    private JpegRoundTrip() {}

    /**
     * The decoded JPEG of {@code image} at {@code quality} in (0, 1]; same channels, 8-bit.
     *
     * @throws IllegalArgumentException for a quality outside (0, 1]
     */
    public static FloatImage of(FloatImage image, float quality) {
        if (!(quality > 0 && quality <= 1)) {
            throw new IllegalArgumentException("JPEG quality must be in (0, 1], got " + quality);
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(
                        null, new IIOImage(ImageFiles.toBufferedImage(Awgn.quantize8Bit(image)), null, null), param);
            }
            FloatImage decoded =
                    ImageFiles.fromBufferedImage(ImageIO.read(new ByteArrayInputStream(bytes.toByteArray())));
            return decoded.channels() == image.channels()
                    ? decoded
                    : image.channels() == 1 ? decoded.toOneChannel() : decoded.toThreeChannels();
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG round trip failed in memory", e);
        } finally {
            writer.dispose();
        }
    }
}
