package dev.imagerestore.job.review.internal;

import dev.imagerestore.models.image.FloatImage;
import java.awt.image.BufferedImage;

/**
 * Views of a decoded {@link FloatImage} as 8-bit sRGB pictures for the review page: a window at
 * 100 % and a box-filtered thumbnail. Gray images are shown as gray RGB; samples are clamped.
 */
final class Raster8 {

    private Raster8() {}

    /** The {@code w x h} window of {@code image} at ({@code x}, {@code y}), pixel for pixel. */
    static BufferedImage window(FloatImage image, int x, int y, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int last = image.channels() - 1;
        for (int row = 0; row < h; row++) {
            for (int col = 0; col < w; col++) {
                int r = level(image.get(0, y + row, x + col));
                int g = level(image.get(Math.min(1, last), y + row, x + col));
                int b = level(image.get(last, y + row, x + col));
                out.setRGB(col, row, (r << 16) | (g << 8) | b);
            }
        }
        return out;
    }

    /** {@code image} shrunk to fit {@code side x side} (never enlarged), each pixel the mean of its box. */
    static BufferedImage thumbnail(FloatImage image, int side) {
        double scale = Math.min(1.0, (double) side / Math.max(image.width(), image.height()));
        int w = Math.max(1, (int) Math.round(image.width() * scale));
        int h = Math.max(1, (int) Math.round(image.height() * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int last = image.channels() - 1;
        int[] channels = {0, Math.min(1, last), last};
        for (int ty = 0; ty < h; ty++) {
            int y0 = (int) ((long) ty * image.height() / h);
            int y1 = Math.max(y0 + 1, (int) ((long) (ty + 1) * image.height() / h));
            for (int tx = 0; tx < w; tx++) {
                int x0 = (int) ((long) tx * image.width() / w);
                int x1 = Math.max(x0 + 1, (int) ((long) (tx + 1) * image.width() / w));
                int rgb = 0;
                for (int c : channels) {
                    double sum = 0;
                    for (int y = y0; y < y1; y++) {
                        for (int x = x0; x < x1; x++) {
                            sum += Math.min(1, Math.max(0, image.get(c, y, x)));
                        }
                    }
                    rgb = (rgb << 8) | level((float) (sum / ((y1 - y0) * (x1 - x0))));
                }
                out.setRGB(tx, ty, rgb);
            }
        }
        return out;
    }

    static int level(float value) {
        return Math.round(Math.min(1f, Math.max(0f, value)) * 255f);
    }
}
