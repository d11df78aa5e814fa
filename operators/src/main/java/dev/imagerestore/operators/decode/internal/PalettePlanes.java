package dev.imagerestore.operators.decode.internal;

import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/** Palette (indexed) images as 8-bit gray or RGB planes, with the palette's alpha if it has any. */
final class PalettePlanes {

    /** Levels become {@code level * (1f / 255)}, the same float as every other 8-bit path. */
    private static final float SCALE = 1f / 255;

    private PalettePlanes() {}

    static Planes extract(Raster raster, IndexColorModel palette) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        int size = palette.getMapSize();
        int[] argb = new int[size];
        palette.getRGBs(argb);
        boolean gray = isGray(argb);
        int channels = gray ? 1 : 3;
        int plane = width * height;
        float[] colour = new float[channels * plane];
        short[] alpha = palette.hasAlpha() ? new short[plane] : null;
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            raster.getSamples(0, y, width, 1, 0, row);
            for (int x = 0; x < width; x++) {
                int index = Math.min(row[x], size - 1);
                int p = argb[index];
                int i = y * width + x;
                colour[i] = ((p >> 16) & 0xff) * SCALE;
                if (!gray) {
                    colour[plane + i] = ((p >> 8) & 0xff) * SCALE;
                    colour[2 * plane + i] = (p & 0xff) * SCALE;
                }
                if (alpha != null) {
                    alpha[i] = (short) ((p >>> 24) & 0xff);
                }
            }
        }
        return new Planes(width, height, 8, channels, colour, alpha);
    }

    private static boolean isGray(int[] argb) {
        for (int p : argb) {
            int r = (p >> 16) & 0xff;
            if (r != ((p >> 8) & 0xff) || r != (p & 0xff)) {
                return false;
            }
        }
        return true;
    }
}
