package dev.imagerestore.job.review.internal;

import dev.imagerestore.models.image.FloatImage;

/**
 * How much a restoration changed an image: the root-mean-square difference over every sample, in
 * 8-bit levels, and the window of a given size where the squared change is largest (found on a grid
 * of {@value #BLOCK}-pixel blocks), which the review page shows at 100 %. Both images must have the
 * same width and height; gray against colour compares the gray plane with each colour plane.
 *
 * @param rmsLevels root-mean-square change, 0-255 scale
 * @param x left of the window of most change
 * @param y top of the window of most change
 * @param width the window's width (the requested side, or the image's width if smaller)
 * @param height the window's height
 */
record ChangeMap(double rmsLevels, int x, int y, int width, int height) {

    static final int BLOCK = 16;

    static ChangeMap of(FloatImage before, FloatImage after, int side) {
        if (before.width() != after.width() || before.height() != after.height()) {
            throw new IllegalArgumentException("images differ in size: " + before.width() + "x" + before.height()
                    + " and " + after.width() + "x" + after.height());
        }
        Blocks blocks = new Blocks(after.width(), after.height());
        blocks.add(before, after, 0);
        return blocks.result(side);
    }

    /**
     * The squared change per block, added band by band (bands of the same rows of both images, top
     * to bottom), so that images too large to decode whole are measured as the whole ones are.
     */
    static final class Blocks {

        private final int w;
        private final int h;
        private final int bw;
        private final int bh;
        private final double[] blocks;
        private double total;
        private int channels;

        Blocks(int width, int height) {
            this.w = width;
            this.h = height;
            this.bw = (width + BLOCK - 1) / BLOCK;
            this.bh = (height + BLOCK - 1) / BLOCK;
            this.blocks = new double[bw * bh];
        }

        /** Adds the rows of {@code before} and {@code after}, the images' rows from {@code top}. */
        void add(FloatImage before, FloatImage after, int top) {
            if (before.width() != w || after.width() != w || before.height() != after.height()) {
                throw new IllegalArgumentException("bands differ in size: " + before.width() + "x" + before.height()
                        + " and " + after.width() + "x" + after.height() + " for an image " + w + " wide");
            }
            channels = Math.max(before.channels(), after.channels());
            for (int c = 0; c < channels; c++) {
                int cb = Math.min(c, before.channels() - 1);
                int ca = Math.min(c, after.channels() - 1);
                for (int y = 0; y < after.height(); y++) {
                    for (int x = 0; x < w; x++) {
                        double d = clamp(after.get(ca, y, x)) - clamp(before.get(cb, y, x));
                        blocks[((top + y) / BLOCK) * bw + x / BLOCK] += d * d;
                        total += d * d;
                    }
                }
            }
        }

        /** The change and the {@code side x side} window of most change, once every row was added. */
        ChangeMap result(int side) {
            int cw = Math.min(side, w);
            int ch = Math.min(side, h);
            int[] best = bestWindow(blocks, bw, bh, Math.max(1, cw / BLOCK), Math.max(1, ch / BLOCK));
            int x = Math.min(best[0] * BLOCK, w - cw);
            int y = Math.min(best[1] * BLOCK, h - ch);
            return new ChangeMap(255 * Math.sqrt(total / ((double) channels * w * h)), x, y, cw, ch);
        }
    }

    /** The top-left block of the {@code ww x wh}-block window with the largest sum, by a summed-area table. */
    private static int[] bestWindow(double[] blocks, int bw, int bh, int ww, int wh) {
        double[] sat = new double[(bw + 1) * (bh + 1)];
        for (int y = 0; y < bh; y++) {
            for (int x = 0; x < bw; x++) {
                sat[(y + 1) * (bw + 1) + x + 1] = blocks[y * bw + x]
                        + sat[y * (bw + 1) + x + 1]
                        + sat[(y + 1) * (bw + 1) + x]
                        - sat[y * (bw + 1) + x];
            }
        }
        int[] best = {0, 0};
        double most = -1;
        for (int y = 0; y + wh <= Math.max(bh, wh); y++) {
            for (int x = 0; x + ww <= Math.max(bw, ww); x++) {
                int x1 = Math.min(x + ww, bw);
                int y1 = Math.min(y + wh, bh);
                double sum = sat[y1 * (bw + 1) + x1]
                        - sat[y * (bw + 1) + x1]
                        - sat[y1 * (bw + 1) + x]
                        + sat[y * (bw + 1) + x];
                if (sum > most) {
                    most = sum;
                    best = new int[] {x, y};
                }
            }
        }
        return best;
    }

    private static double clamp(float v) {
        return Math.min(1f, Math.max(0f, v));
    }
}
