package dev.imagerestore.operators.decode.internal;

import dev.imagerestore.operators.ImageMetadata;
import dev.imagerestore.operators.OutputFormat;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.FileImageOutputStream;
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
 * (baseline); the other formats with their defaults. The JDK's TIFF writer is tried first, as it
 * is the one that takes every tag of a {@link javax.imageio.plugins.tiff.TIFFDirectory}; the
 * metadata goes in through each writer's native tree ({@link MetadataTrees}).
 */
public final class ImageWriting {

    /** The package of the JDK's TIFF plugin, whose Deflate compressor truncates incompressible strips. */
    static final String JDK_TIFF_PACKAGE = "com.sun.imageio.plugins.tiff.";

    private ImageWriting() {}

    public static byte[] write(BufferedImage image, OutputFormat format, float jpegQuality) throws IOException {
        return write(image, format, jpegQuality, ImageMetadata.NONE);
    }

    /** As {@link #write(BufferedImage, OutputFormat, float)}, with {@code metadata} in the file. */
    public static byte[] write(BufferedImage image, OutputFormat format, float jpegQuality, ImageMetadata metadata)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        write(image, format, jpegQuality, metadata, () -> {
            bytes.reset();
            return new MemoryCacheImageOutputStream(bytes);
        });
        return bytes.toByteArray();
    }

    /**
     * Writes {@code image} into the new file {@code target}, as {@link #write(BufferedImage,
     * OutputFormat, float, ImageMetadata)} encodes it, streaming: a writer pulls the image's rows as
     * it encodes them, so an image whose rows are read on demand is never whole in memory. A writer
     * that fails part way is followed by the next one over an emptied file.
     */
    public static void write(
            RenderedImage image, OutputFormat format, float jpegQuality, ImageMetadata metadata, Path target)
            throws IOException {
        write(image, format, jpegQuality, metadata, () -> {
            RandomAccessFile file = new RandomAccessFile(target.toFile(), "rw");
            file.setLength(0);
            return new FileImageOutputStream(file);
        });
        try (FileChannel written = FileChannel.open(target, StandardOpenOption.WRITE)) {
            written.force(true);
        }
    }

    /** Opens an empty output for one writer's attempt; the writer closes it. */
    private interface Output {
        ImageOutputStream open() throws IOException;
    }

    private static void write(
            RenderedImage image, OutputFormat format, float jpegQuality, ImageMetadata metadata, Output output)
            throws IOException {
        List<ImageWriter> writers = new ArrayList<>();
        ImageIO.getImageWriters(ImageTypeSpecifier.createFromRenderedImage(image), format.imageIoName())
                .forEachRemaining(writers::add);
        writers.sort(Comparator.comparing(w -> !w.getClass().getName().startsWith(JDK_TIFF_PACKAGE)));
        IOException failure =
                new IOException("no ImageIO writer could write a " + describe(image) + " as " + format.imageIoName());
        for (ImageWriter writer : writers) {
            try (ImageOutputStream out = output.open()) {
                writeWith(writer, image, format, jpegQuality, metadata, out);
                return;
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            } finally {
                writer.dispose();
            }
        }
        throw failure;
    }

    private static void writeWith(
            ImageWriter writer,
            RenderedImage image,
            OutputFormat format,
            float quality,
            ImageMetadata metadata,
            ImageOutputStream out)
            throws IOException {
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (format == OutputFormat.JPEG) {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
        } else if (format == OutputFormat.TIFF && param.canWriteCompressed()) {
            String compression = writer.getClass().getName().startsWith(JDK_TIFF_PACKAGE) ? "LZW" : "Deflate";
            if (Arrays.asList(param.getCompressionTypes()).contains(compression)) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType(compression);
            }
        }
        writer.setOutput(out);
        IIOMetadata base = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
        IIOMetadata withMetadata = base == null ? null : MetadataTrees.add(base, format, metadata);
        writer.write(null, new IIOImage(image, null, withMetadata), param);
    }

    private static String describe(RenderedImage image) {
        return image.getSampleModel().getNumBands() + "-band "
                + image.getColorModel().getComponentSize(0) + "-bit image";
    }
}
