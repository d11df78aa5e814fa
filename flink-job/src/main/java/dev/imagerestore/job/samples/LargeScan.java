package dev.imagerestore.job.samples;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes a synthetic scan of any size without holding it: a smooth scene (value noise at three scales)
 * with film-like grain, an RGB image computed sample by sample as the ImageIO writer pulls it (a
 * data buffer that computes each sample from its index), so a 100-megapixel 16-bit TIFF is written in
 * a few megabytes of memory. For the large-image benchmark: the content is deterministic for a seed.
 *
 * <p>TIFF is written uncompressed at 16 bits (as archive masters often are), JPEG at 8 bits, quality 0.9.
 */
public final class LargeScan {

    private final int width;
    private final int height;
    private final ValueNoise coarse;
    private final ValueNoise middle;
    private final ValueNoise fine;
    private final long seed;

    public LargeScan(int width, int height, long seed) {
        if (width < 1 || height < 1 || 3L * width * height > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a large scan must have 1 to " + Integer.MAX_VALUE / 3
                    + " pixels (one raster indexes its samples), got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.seed = seed;
        this.coarse = new ValueNoise(seed, Math.max(width, height) / 6.0);
        this.middle = new ValueNoise(seed + 1, 97);
        this.fine = new ValueNoise(seed + 2, 9);
    }

    /** Writes the scan as a 16-bit TIFF ({@code tiff}) or an 8-bit JPEG ({@code jpeg}) at {@code file}. */
    public void write(Path file, String format) throws IOException {
        boolean tiff = format.equals("tiff");
        int depth = tiff ? 16 : 8;
        ComponentColorModel model = new ComponentColorModel(
                ColorSpace.getInstance(ColorSpace.CS_sRGB),
                new int[] {depth, depth, depth},
                false,
                false,
                Transparency.OPAQUE,
                tiff ? DataBuffer.TYPE_USHORT : DataBuffer.TYPE_BYTE);
        SampleModel layout = new PixelInterleavedSampleModel(
                model.getTransferType(), width, height, 3, 3 * width, new int[] {0, 1, 2});
        WritableRaster raster = Raster.createWritableRaster(layout, new Computed(model.getTransferType(), depth), null);
        BufferedImage image = new BufferedImage(model, raster, false, null);
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
        ImageWriter writer = null;
        while (writers.hasNext()) {
            ImageWriter candidate = writers.next();
            if (writer == null || candidate.getClass().getName().startsWith("com.sun.")) {
                writer = candidate;
            }
        }
        if (writer == null) {
            throw new IOException("no ImageIO writer for " + format);
        }
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(tiff ? ImageWriteParam.MODE_DISABLED : ImageWriteParam.MODE_EXPLICIT);
        if (!tiff) {
            param.setCompressionQuality(0.9f);
        }
        Files.deleteIfExists(file);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /** Sample {@code band} of pixel ({@code x}, {@code y}) in [0, 1]. */
    double sample(int x, int y, int band) {
        double scene = 0.55 * coarse.at(x, y) + 0.3 * middle.at(x + 31 * band, y) + 0.15 * fine.at(x, y + 17 * band);
        long h = (x * 0x9E3779B97F4A7C15L) ^ (y * 0xC2B2AE3D27D4EB4FL) ^ (band * 0x165667B19E3779F9L) ^ seed;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 29;
        double grain = ((h >>> 11) * 0x1.0p-53 - 0.5) * 0.12 * (0.5 + scene);
        return Math.min(1, Math.max(0, 0.1 + 0.8 * scene + grain));
    }

    /** A read-only buffer whose samples are computed from their index as they are read. */
    private final class Computed extends DataBuffer {

        private final int max;

        Computed(int type, int depth) {
            super(type, 3 * width * height);
            this.max = (1 << depth) - 1;
        }

        @Override
        public int getElem(int bank, int i) {
            int pixel = i / 3;
            return (int) Math.round(sample(pixel % width, pixel / width, i % 3) * max);
        }

        @Override
        public void setElem(int bank, int i, int value) {
            throw new UnsupportedOperationException("a computed scan is read-only");
        }
    }
}
