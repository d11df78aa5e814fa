package dev.imagerestore.job;

import com.twelvemonkeys.imageio.metadata.CompoundDirectory;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.operators.OutputFormat;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Multi-page TIFFs written at test time by the TwelveMonkeys writer as a sequence of
 * Deflate-compressed pages, and the same with one page torn (its compressed data overwritten).
 */
public final class PagedTiffs {

    private PagedTiffs() {}

    /** A multi-page TIFF with one page per image. */
    public static byte[] of(List<FloatImage> pages) throws IOException {
        ImageWriter writer = twelveMonkeysWriter();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionType("Deflate");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (FloatImage page : pages) {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(RestoreFixture.encode(page, OutputFormat.PNG)));
                writer.writeToSequence(new IIOImage(image, null, null), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** {@code tiff} with the start of page {@code page}'s (from 1) first strip overwritten: that page no longer inflates. */
    public static byte[] tear(byte[] tiff, int page) throws IOException {
        CompoundDirectory ifds = (CompoundDirectory) new TIFFReader().read(
                new MemoryCacheImageInputStream(new ByteArrayInputStream(tiff)));
        Object offsets = ifds.getDirectory(page - 1).getEntryById(TIFF.TAG_STRIP_OFFSETS).getValue();
        long offset = offsets instanceof Number n ? n.longValue()
                : offsets instanceof long[] l ? l[0] : ((int[]) offsets)[0];
        byte[] torn = tiff.clone();
        Arrays.fill(torn, (int) offset + 2, (int) offset + 18, (byte) 0xff);
        return torn;
    }

    private static ImageWriter twelveMonkeysWriter() {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("tiff");
        while (writers.hasNext()) {
            ImageWriter writer = writers.next();
            if (writer.getClass().getName().startsWith("com.twelvemonkeys.")) {
                return writer;
            }
        }
        throw new IllegalStateException("the TwelveMonkeys TIFF writer is not on the class path");
    }
}
