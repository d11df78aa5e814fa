package dev.imagerestore.operators.decode.internal;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.stream.IntStream;

/**
 * Takes the colour and alpha samples out of a decoded BufferedImage, keeping the bit depth.
 *
 * <ul>
 *   <li>Gray and sRGB component images (8/16-bit PNG, TIFF, PNM, BMP, CMYK JPEG after TwelveMonkeys'
 *       conversion): raw levels, rescaled only when a band has another bit count (1-bit PBM, 12-bit
 *       TIFF): up to 8 bits give 8, more give 16.
 *   <li>Palette images (GIF, palette PNG/BMP): 8-bit, gray if every palette entry is gray, alpha if
 *       the palette has any.
 *   <li>RGB and gray images with an embedded ICC profile (Adobe RGB, ProPhoto, a gray gamma): raw
 *       levels too, in their own colour space, with the profile kept for the output: the model
 *       restores the samples where they are and the output says what they mean.
 *   <li>Other colour spaces (CMYK or Lab TIFF, CMYK JPEG with a profile): the colour bands are
 *       converted to sRGB with {@link ColorConvertOp} at the same depth, since the model takes one
 *       or three channels; alpha is taken as is.
 * </ul>
 * Rows are processed one at a time, so no whole-image int buffer is allocated.
 */
public final class RasterPlanes {

    private RasterPlanes() {}

    /** The planes of {@code image}; throws IllegalArgumentException for floating-point samples. */
    static Planes extract(BufferedImage image) {
        ColorModel model = image.getColorModel();
        int type = image.getRaster().getTransferType();
        if (type == DataBuffer.TYPE_FLOAT || type == DataBuffer.TYPE_DOUBLE) {
            throw new IllegalArgumentException(
                    "floating-point samples (32/64-bit float TIFF or PFM) are not supported");
        }
        if (model instanceof IndexColorModel palette) {
            return PalettePlanes.extract(image.getRaster(), palette);
        }
        if (model.isAlphaPremultiplied()) {
            image.coerceData(false);
        }
        ColorSpace space = model.getColorSpace();
        if (space.isCS_sRGB() || space == ColorSpace.getInstance(ColorSpace.CS_GRAY)) {
            return direct(image.getRaster(), model);
        }
        if (space instanceof ICC_ColorSpace icc
                && (space.getType() == ColorSpace.TYPE_GRAY || space.getType() == ColorSpace.TYPE_RGB)) {
            Planes raw = direct(image.getRaster(), model);
            return new Planes(
                    raw.width(),
                    raw.height(),
                    raw.depth(),
                    raw.channels(),
                    raw.colour(),
                    raw.alpha(),
                    icc.getProfile().getData());
        }
        return converted(image.getRaster(), model);
    }

    private static Planes direct(Raster raster, ColorModel model) {
        int channels = model.getNumColorComponents();
        int bits = IntStream.range(0, model.getNumComponents())
                .map(model::getComponentSize)
                .max()
                .orElse(8);
        int depth = Planes.depthFor(bits);
        int width = raster.getWidth();
        int height = raster.getHeight();
        float[] colour = new float[channels * width * height];
        float scale = 1f / ((1 << depth) - 1);
        int[] row = new int[width];
        for (int c = 0; c < channels; c++) {
            int bandBits = model.getComponentSize(c);
            for (int y = 0; y < height; y++) {
                raster.getSamples(0, y, width, 1, c, row);
                int base = (c * height + y) * width;
                for (int x = 0; x < width; x++) {
                    colour[base + x] = Planes.rescale(row[x], bandBits, depth) * scale;
                }
            }
        }
        short[] alpha = model.hasAlpha() ? alphaLevels(raster, model, channels, depth) : null;
        return new Planes(width, height, depth, channels, colour, alpha);
    }

    private static Planes converted(Raster raster, ColorModel model) {
        int colourBands = model.getNumColorComponents();
        int bits = IntStream.range(0, model.getNumComponents())
                .map(model::getComponentSize)
                .max()
                .orElse(8);
        int depth = Planes.depthFor(bits);
        ColorSpace srgb = ColorSpace.getInstance(ColorSpace.CS_sRGB);
        ComponentColorModel target = new ComponentColorModel(
                srgb,
                new int[] {depth, depth, depth},
                false,
                false,
                Transparency.OPAQUE,
                depth == 8 ? DataBuffer.TYPE_BYTE : DataBuffer.TYPE_USHORT);
        WritableRaster rgb = target.createCompatibleWritableRaster(raster.getWidth(), raster.getHeight());
        Raster colour = raster.createChild(
                raster.getMinX(),
                raster.getMinY(),
                raster.getWidth(),
                raster.getHeight(),
                0,
                0,
                IntStream.range(0, colourBands).toArray());
        new ColorConvertOp(model.getColorSpace(), srgb, null).filter(colour, rgb);
        Planes planes = direct(rgb, target);
        short[] alpha = model.hasAlpha() ? alphaLevels(raster, model, colourBands, depth) : null;
        return new Planes(planes.width(), planes.height(), depth, 3, planes.colour(), alpha);
    }

    private static short[] alphaLevels(Raster raster, ColorModel model, int band, int depth) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        int bits = model.getComponentSize(band);
        short[] alpha = new short[width * height];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            raster.getSamples(0, y, width, 1, band, row);
            for (int x = 0; x < width; x++) {
                alpha[y * width + x] = (short) Planes.rescale(row[x], bits, depth);
            }
        }
        return alpha;
    }
}
