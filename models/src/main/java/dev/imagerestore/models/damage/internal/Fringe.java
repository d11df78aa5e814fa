package dev.imagerestore.models.damage.internal;

/** The pixels within a Chebyshev distance of a mask, by two passes of a running count (row, then column). */
final class Fringe {

    private Fringe() {}

    static boolean[] near(boolean[] mask, int height, int width, int radius) {
        boolean[] rows = new boolean[mask.length];
        for (int y = 0; y < height; y++) {
            spread(mask, rows, y * width, 1, width, radius);
        }
        boolean[] out = new boolean[mask.length];
        for (int x = 0; x < width; x++) {
            spread(rows, out, x, width, height, radius);
        }
        return out;
    }

    /** out[k] = any of in[k - radius .. k + radius] along one line of {@code n} entries. */
    private static void spread(boolean[] in, boolean[] out, int start, int stride, int n, int radius) {
        int count = 0;
        for (int k = 0; k < Math.min(radius, n); k++) {
            count += in[start + k * stride] ? 1 : 0;
        }
        for (int k = 0; k < n; k++) {
            if (k + radius < n) {
                count += in[start + (k + radius) * stride] ? 1 : 0;
            }
            if (k - radius - 1 >= 0) {
                count -= in[start + (k - radius - 1) * stride] ? 1 : 0;
            }
            out[start + k * stride] = count > 0;
        }
    }
}
