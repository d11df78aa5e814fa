package dev.imagerestore.operators.testing;

import com.twelvemonkeys.imageio.metadata.CompoundDirectory;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.operators.AlphaPlane;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Test images made in the test itself: component images of any band count and depth filled with
 * seeded random levels, palette images, and their encodings with any ImageIO writer.
 */
public final class TestImages {

    private TestImages() {}

    /** A gray or sRGB image with optional alpha at 8 or 16 bits, levels drawn from {@code seed}. */
    public static BufferedImage component(int width, int height, boolean gray, boolean alpha, int bits, long seed) {
        ColorSpace space = ColorSpace.getInstance(gray ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
        int bands = (gray ? 1 : 3) + (alpha ? 1 : 0);
        int[] sizes = new int[bands];
        Arrays.fill(sizes, bits);
        ComponentColorModel model = new ComponentColorModel(
                space,
                sizes,
                alpha,
                false,
                alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE,
                bits == 16 ? DataBuffer.TYPE_USHORT : DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(width, height);
        Random random = new Random(seed);
        int levels = 1 << bits;
        for (int b = 0; b < bands; b++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    raster.setSample(x, y, b, random.nextInt(levels));
                }
            }
        }
        return new BufferedImage(model, raster, false, null);
    }

    /** An 8-bit palette image; entry {@code transparentIndex} (or none if -1) has alpha 0. */
    public static BufferedImage palette(int width, int height, int[] rgb, int transparentIndex, long seed) {
        byte[] r = new byte[rgb.length];
        byte[] g = new byte[rgb.length];
        byte[] b = new byte[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            r[i] = (byte) (rgb[i] >> 16);
            g[i] = (byte) (rgb[i] >> 8);
            b[i] = (byte) rgb[i];
        }
        IndexColorModel model = transparentIndex < 0
                ? new IndexColorModel(8, rgb.length, r, g, b)
                : new IndexColorModel(8, rgb.length, r, g, b, transparentIndex);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, model);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, random.nextInt(rgb.length));
            }
        }
        return image;
    }

    /** The integer levels of one channel, row-major, at the image's bit depth. */
    public static int[] levels(FloatImage image, int channel) {
        int max = (1 << image.bitDepth()) - 1;
        int[] out = new int[image.width() * image.height()];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                out[y * image.width() + x] = Math.round(image.get(channel, y, x) * max);
            }
        }
        return out;
    }

    /** The alpha levels, row-major. */
    public static int[] alphaLevels(AlphaPlane alpha) {
        int[] out = new int[alpha.width() * alpha.height()];
        for (int y = 0; y < alpha.height(); y++) {
            for (int x = 0; x < alpha.width(); x++) {
                out[y * alpha.width() + x] = alpha.level(x, y);
            }
        }
        return out;
    }

    /** The samples of one band of a BufferedImage, row-major. */
    public static int[] bandOf(BufferedImage image, int band) {
        return image.getRaster().getSamples(0, 0, image.getWidth(), image.getHeight(), band, (int[]) null);
    }

    /** Encodes with the first writer of {@code format} that succeeds, with an optional compression type. */
    public static byte[] encode(BufferedImage image, String format, String compression) throws IOException {
        Iterator<ImageWriter> writers =
                ImageIO.getImageWriters(ImageTypeSpecifier.createFromRenderedImage(image), format);
        IOException failure = new IOException("no writer for " + format);
        while (writers.hasNext()) {
            ImageWriter writer = writers.next();
            try {
                ImageWriteParam param = writer.getDefaultWriteParam();
                if (compression != null) {
                    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                    param.setCompressionType(compression);
                }
                return write(writer, new IIOImage(image, null, null), param);
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            } finally {
                writer.dispose();
            }
        }
        throw failure;
    }

    /** Encodes without options. */
    public static byte[] encode(BufferedImage image, String format) throws IOException {
        return encode(image, format, null);
    }

    /** A progressive JPEG at quality 1. */
    public static byte[] progressiveJpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            return write(writer, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /** A JPEG at quality 1 (baseline). */
    public static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(1f);
            return write(writer, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /** An animated GIF with the given frames. */
    public static byte[] gif(BufferedImage... frames) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (BufferedImage frame : frames) {
                writer.writeToSequence(new IIOImage(frame, null, null), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** One frame of {@link #gif(GifFrame...)}: its image, its place on the screen and its disposal method. */
    public record GifFrame(BufferedImage image, int left, int top, String disposal) {}

    /**
     * An animated GIF whose frames sit at their own positions and carry their GIF89a disposal method
     * ("none", "doNotDispose", "restoreToBackgroundColor", "restoreToPrevious"); the JDK's writer
     * makes the logical screen the first frame's size.
     */
    public static byte[] gif(GifFrame... frames) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            writer.prepareWriteSequence(null);
            for (GifFrame frame : frames) {
                IIOMetadata metadata = writer.getDefaultImageMetadata(
                        javax.imageio.ImageTypeSpecifier.createFromRenderedImage(frame.image()), param);
                String format = "javax_imageio_gif_image_1.0";
                IIOMetadataNode tree = (IIOMetadataNode) metadata.getAsTree(format);
                IIOMetadataNode descriptor = (IIOMetadataNode)
                        tree.getElementsByTagName("ImageDescriptor").item(0);
                descriptor.setAttribute("imageLeftPosition", Integer.toString(frame.left()));
                descriptor.setAttribute("imageTopPosition", Integer.toString(frame.top()));
                IIOMetadataNode control = (IIOMetadataNode)
                        tree.getElementsByTagName("GraphicControlExtension").item(0);
                control.setAttribute("disposalMethod", frame.disposal());
                // given metadata, the writer takes the colours from it, not from the image's palette
                IndexColorModel palette = (IndexColorModel) frame.image().getColorModel();
                int size = 2;
                while (size < palette.getMapSize()) {
                    size *= 2;
                }
                IIOMetadataNode table = new IIOMetadataNode("LocalColorTable");
                table.setAttribute("sizeOfLocalColorTable", Integer.toString(size));
                table.setAttribute("sortFlag", "FALSE");
                for (int i = 0; i < size; i++) {
                    int rgb = i < palette.getMapSize() ? palette.getRGB(i) : 0;
                    IIOMetadataNode entry = new IIOMetadataNode("ColorTableEntry");
                    entry.setAttribute("index", Integer.toString(i));
                    entry.setAttribute("red", Integer.toString((rgb >> 16) & 0xff));
                    entry.setAttribute("green", Integer.toString((rgb >> 8) & 0xff));
                    entry.setAttribute("blue", Integer.toString(rgb & 0xff));
                    table.appendChild(entry);
                }
                tree.appendChild(table);
                metadata.mergeTree(format, tree);
                writer.writeToSequence(new IIOImage(frame.image(), null, metadata), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** A multi-page TIFF, one page per image, written by the TwelveMonkeys TIFF writer (uncompressed). */
    public static byte[] tiffPages(BufferedImage... pages) throws IOException {
        List<IIOImage> images = new ArrayList<>();
        for (BufferedImage page : pages) {
            images.add(new IIOImage(page, null, null));
        }
        return tiffPages(images);
    }

    /** A multi-page TIFF of {@code pages} (each with its own metadata, if it has some), by the TwelveMonkeys writer. */
    public static byte[] tiffPages(List<IIOImage> pages) throws IOException {
        return tiffPages(pages, null);
    }

    /** As {@link #tiffPages(List)}, each page compressed with {@code compression} ("Deflate", "LZW"...), or not if null. */
    public static byte[] tiffPages(List<IIOImage> pages, String compression) throws IOException {
        ImageWriter writer = twelveMonkeysTiffWriter();
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (compression != null) {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType(compression);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (IIOImage page : pages) {
                writer.writeToSequence(page, param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * {@code tiff} with the start of page {@code page}'s (from 1) first strip overwritten by 0xFF
     * bytes: a Deflate stream that no longer inflates, the rest of the file intact.
     */
    public static byte[] tearPage(byte[] tiff, int page) throws IOException {
        CompoundDirectory ifds = (CompoundDirectory)
                new TIFFReader().read(new MemoryCacheImageInputStream(new ByteArrayInputStream(tiff)));
        Object offsets =
                ifds.getDirectory(page - 1).getEntryById(TIFF.TAG_STRIP_OFFSETS).getValue();
        long offset =
                offsets instanceof Number n ? n.longValue() : offsets instanceof long[] l ? l[0] : ((int[]) offsets)[0];
        byte[] torn = tiff.clone();
        Arrays.fill(torn, (int) offset + 2, (int) offset + 18, (byte) 0xff);
        return torn;
    }

    /** The TwelveMonkeys TIFF writer, the one that writes sequences of pages. */
    public static ImageWriter twelveMonkeysTiffWriter() {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("tiff");
        while (writers.hasNext()) {
            ImageWriter writer = writers.next();
            if (writer.getClass().getName().startsWith("com.twelvemonkeys.")) {
                return writer;
            }
        }
        throw new IllegalStateException("the TwelveMonkeys TIFF writer is not on the class path");
    }

    /** Writes one image with {@code writer} and {@code param}. */
    public static byte[] write(ImageWriter writer, IIOImage image, ImageWriteParam param) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, image, param);
        }
        return bytes.toByteArray();
    }
}
