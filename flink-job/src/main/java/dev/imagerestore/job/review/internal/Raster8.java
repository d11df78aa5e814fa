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
        Thumbnail thumbnail = new Thumbnail(image.width(), image.height(), side);
        thumbnail.add(image, 0);
        return thumbnail.image();
    }

    /**
     * A thumbnail built from bands of rows, top to bottom: the same boxes and sums as from the whole
     * image, so an image too large to decode whole gets the very same thumbnail.
     */
    static final class Thumbnail {

        private final int width;
        private final int height;
        private final int w;
        private final int h;
        private final double[] sums;

        Thumbnail(int width, int height, int side) {
            double scale = Math.min(1.0, (double) side / Math.max(width, height));
            this.width = width;
            this.height = height;
            this.w = Math.max(1, (int) Math.round(width * scale));
            this.h = Math.max(1, (int) Math.round(height * scale));
            this.sums = new double[3 * w * h];
        }

        /** Adds the rows of {@code band}, which are the image's rows from {@code top}. */
        void add(FloatImage band, int top) {
            int last = band.channels() - 1;
            int[] channels = {0, Math.min(1, last), last};
            for (int ty = 0; ty < h; ty++) {
                int y0 = Math.max(y0(ty), top);
                int y1 = Math.min(y1(ty), top + band.height());
                for (int tx = 0; tx < w; tx++) {
                    int x0 = (int) ((long) tx * width / w);
                    int x1 = Math.max(x0 + 1, (int) ((long) (tx + 1) * width / w));
                    for (int k = 0; k < 3; k++) {
                        double sum = 0;
                        for (int y = y0; y < y1; y++) {
                            for (int x = x0; x < x1; x++) {
                                sum += Math.min(1, Math.max(0, band.get(channels[k], y - top, x)));
                            }
                        }
                        sums[(k * h + ty) * w + tx] += sum;
                    }
                }
            }
        }

        private int y0(int ty) {
            return (int) ((long) ty * height / h);
        }

        private int y1(int ty) {
            return Math.max(y0(ty) + 1, (int) ((long) (ty + 1) * height / h));
        }

        /** The thumbnail, once every row was added. */
        BufferedImage image() {
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int ty = 0; ty < h; ty++) {
                for (int tx = 0; tx < w; tx++) {
                    int x0 = (int) ((long) tx * width / w);
                    int x1 = Math.max(x0 + 1, (int) ((long) (tx + 1) * width / w));
                    int area = (y1(ty) - y0(ty)) * (x1 - x0);
                    int rgb = 0;
                    for (int k = 0; k < 3; k++) {
                        rgb = (rgb << 8) | level((float) (sums[(k * h + ty) * w + tx] / area));
                    }
                    out.setRGB(tx, ty, rgb);
                }
            }
            return out;
        }
    }

    static int level(float value) {
        return Math.round(Math.min(1f, Math.max(0f, value)) * 255f);
    }
}
