package dev.imagerestore.operators.decode.internal;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.operators.AlphaPlane;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Builds the BufferedImage a writer gets: colour quantized (clamped, rounded) to the written depth,
 * alpha re-attached as the last band. 8-bit images without alpha use the standard
 * {@code TYPE_BYTE_GRAY}/{@code TYPE_3BYTE_BGR} that every writer accepts; the rest use a
 * {@link ComponentColorModel} over bytes or unsigned shorts. Filled one row at a time.
 */
public final class ImageComposer {

    private ImageComposer() {}

    /** The image at {@code depth} bits; {@code alpha} may be null. */
    public static BufferedImage compose(FloatImage colour, AlphaPlane alpha, int depth) {
        BufferedImage image = create(colour.width(), colour.height(), colour.channels() == 1, alpha != null, depth);
        WritableRaster raster = image.getRaster();
        int max = (1 << depth) - 1;
        int width = colour.width();
        FloatBuffer samples = colour.samples();
        int[] row = new int[width];
        for (int c = 0; c < colour.channels(); c++) {
            for (int y = 0; y < colour.height(); y++) {
                int base = (c * colour.height() + y) * width;
                for (int x = 0; x < width; x++) {
                    row[x] = ImageFiles.quantize(samples.get(base + x), max);
                }
                raster.setSamples(0, y, width, 1, c, row);
            }
        }
        if (alpha != null) {
            attachAlpha(raster, alpha, colour.channels(), depth);
        }
        return image;
    }

    private static void attachAlpha(WritableRaster raster, AlphaPlane alpha, int band, int depth) {
        int width = alpha.width();
        int[] row = new int[width];
        for (int y = 0; y < alpha.height(); y++) {
            for (int x = 0; x < width; x++) {
                row[x] = Planes.rescale(alpha.level(x, y), alpha.bitDepth(), depth);
            }
            raster.setSamples(0, y, width, 1, band, row);
        }
    }

    private static BufferedImage create(int width, int height, boolean gray, boolean alpha, int depth) {
        if (depth == 8 && !alpha) {
            return new BufferedImage(width, height, gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        }
        if (depth == 8 && !gray) {
            return new BufferedImage(width, height, BufferedImage.TYPE_4BYTE_ABGR);
        }
        ColorSpace space = ColorSpace.getInstance(gray ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
        int[] bits = new int[(gray ? 1 : 3) + (alpha ? 1 : 0)];
        Arrays.fill(bits, depth);
        ComponentColorModel model = new ComponentColorModel(
                space,
                bits,
                alpha,
                false,
                alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE,
                depth == 8 ? DataBuffer.TYPE_BYTE : DataBuffer.TYPE_USHORT);
        return new BufferedImage(model, model.createCompatibleWritableRaster(width, height), false, null);
    }
}
