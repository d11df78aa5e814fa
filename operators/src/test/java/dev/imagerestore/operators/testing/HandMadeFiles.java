package dev.imagerestore.operators.testing;

import com.twelvemonkeys.imageio.color.ColorSpaces;
import java.awt.Transparency;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;

/** Files built byte by byte: an EXIF orientation segment, a PNG header without pixels, a YCCK JPEG. */
public final class HandMadeFiles {

    private HandMadeFiles() {}

    /**
     * {@code jpeg} with an APP1 "Exif" segment inserted after SOI: a big-endian TIFF header and one
     * IFD with one entry, Orientation (0x0112, SHORT, count 1) = {@code orientation}.
     */
    public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {
            'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, 0, 0, 0, 0
        };
        byte[] header = {'E', 'x', 'i', 'f', 0, 0};
        int length = 2 + header.length + tiff.length;
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 2 + length);
        out.put(jpeg, 0, 2);
        out.put((byte) 0xFF)
                .put((byte) 0xE1)
                .putShort((short) length)
                .put(header)
                .put(tiff);
        out.put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    /** A PNG signature, an IHDR declaring {@code width x height} 8-bit RGB, and IEND: no pixel data. */
    public static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13)
                .putInt(width)
                .putInt(height)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /**
     * A four-component JPEG with an Adobe APP14 marker (transform 2, YCCK), as written by the
     * TwelveMonkeys writer for a CMYK colour model; {@code samples} gives the four stored components
     * of each column band of {@code width / samples.length} pixels.
     */
    public static byte[] ycckJpeg(int width, int height, int[][] samples) throws IOException {
        ComponentColorModel cmyk = new ComponentColorModel(
                ColorSpaces.getColorSpace(ColorSpaces.CS_GENERIC_CMYK),
                false,
                false,
                Transparency.OPAQUE,
                DataBuffer.TYPE_BYTE);
        WritableRaster raster = cmyk.createCompatibleWritableRaster(width, height);
        int band = width / samples.length;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, samples[Math.min(x / band, samples.length - 1)]);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(1f);
            IIOMetadata metadata =
                    writer.getDefaultImageMetadata(new ImageTypeSpecifier(cmyk, raster.getSampleModel()), param);
            return TestImages.write(writer, new IIOImage(raster, null, metadata), param);
        } finally {
            writer.dispose();
        }
    }
}
