package dev.imagerestore.models.inpaint.internal;

/**
 * Two-sided oriented line contrast: how much brighter (or darker) a pixel and the short straight line
 * through it are than both flanks of that line, in the best of {@code directions} directions. A line
 * operator in the manner of Ricci and Perfetti ("Retinal blood vessel segmentation using line
 * operators and support vector classification", IEEE TMI 2007), made two-sided so that a step edge,
 * which is darker on one side only, does not respond.
 *
 * <p>For a direction with unit vector {@code u} and normal {@code n}, with {@code m(q)} the mean of the
 * {@code 2 half + 1} pixels {@code q + t u}, {@code |t| <= half} (nearest neighbour, borders replicated):
 * <ul>
 *   <li>the line's value is the least (bright) or greatest (dark) of the pixel itself and the means
 *       of the two half-lines {@code t in [0, half]} and {@code t in [-half, 0]}, so that past the end
 *       of a line, or beside it, nothing responds;</li>
 *   <li>each flank's value is the least (bright) or greatest (dark) of {@code m(q + d n)} over
 *       {@code d = reach, reach - 2, ...} down to 1 or 2, the same on the other side with {@code -d}:
 *       a line up to {@code reach} pixels wide shows its background to both sides from each of its
 *       pixels (every other distance is enough for that, and halves the work);</li>
 *   <li>the bright contrast is the line's value less the brighter flank, the dark contrast the darker
 *       flank less the line's value; the response is the larger, with its polarity and direction.</li>
 * </ul>
 * Averaging along the line suppresses texture that does not line up; demanding contrast on both
 * flanks rejects edges; {@code reach} bounds the width that responds. Cost: about
 * {@code directions * (2 half + 2 reach)} operations per pixel. Stateless.
 */
public final class LineContrast {

    /** Polarity of a bright line. */
    public static final byte BRIGHT = 1;
    /** Polarity of a dark line. */
    public static final byte DARK = -1;

    /**
     * Per pixel, row-major: the contrast (0 where none), its polarity ({@link #BRIGHT}, {@link #DARK}
     * or 0) and the index {@code k} of its direction (angle {@code pi k / directions} from the x axis).
     * The arrays are owned by the caller.
     */
    public record Response(float[] contrast, byte[] polarity, byte[] direction) {}

    private LineContrast() {}

    /** The response of the {@code h x w} plane {@code luma}. */
    public static Response compute(float[] luma, int h, int w, int directions, int half, int reach) {
        int pad = half + reach + 1;
        int pw = w + 2 * pad;
        float[] padded = pad(luma, h, w, pad);
        float[] contrast = new float[h * w];
        byte[] polarity = new byte[h * w];
        byte[] direction = new byte[h * w];
        float[] mean = new float[padded.length];
        float[] low = new float[padded.length];
        float[] high = new float[padded.length];
        Flanks flanks = new Flanks(w);
        float[] sumA = new float[w + 2 * reach];
        float[] sumB = new float[w + 2 * reach];
        int[] along = new int[half];
        int[] side = new int[(reach + 1) / 2];
        for (int k = 0; k < directions; k++) {
            double angle = Math.PI * k / directions;
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            for (int t = 1; t <= half; t++) {
                along[t - 1] = (int) Math.round(t * sin) * pw + (int) Math.round(t * cos);
            }
            for (int q = 0; q < side.length; q++) {
                int d = reach - 2 * q;
                side[q] = (int) Math.round(d * cos) * pw - (int) Math.round(d * sin);
            }
            for (int y = pad - reach; y < pad + h + reach; y++) {
                lineMeans(padded, y * pw + pad - reach, w + 2 * reach, along, sumA, sumB, mean, low, high);
            }
            for (int y = 0; y < h; y++) {
                flanks.row(mean, (y + pad) * pw + pad, side);
                flanks.update(low, high, (y + pad) * pw + pad, contrast, polarity, direction, y * w, (byte) k);
            }
        }
        return new Response(contrast, polarity, direction);
    }

    /**
     * For the {@code n} pixels from {@code start} of the padded plane: the full-line mean, and the
     * least and greatest of the pixel and its two half-line means ({@code sumA}, {@code sumB}: scratch).
     */
    private static void lineMeans(
            float[] padded,
            int start,
            int n,
            int[] along,
            float[] sumA,
            float[] sumB,
            float[] mean,
            float[] low,
            float[] high) {
        float full = 1f / (2 * along.length + 1);
        float halfLine = 1f / (along.length + 1);
        for (int x = 0; x < n; x++) {
            sumA[x] = padded[start + x];
            sumB[x] = padded[start + x];
        }
        for (int o : along) {
            for (int x = 0; x < n; x++) {
                sumA[x] += padded[start + x + o];
                sumB[x] += padded[start + x - o];
            }
        }
        for (int x = 0; x < n; x++) {
            float centre = padded[start + x];
            float a = sumA[x];
            float b = sumB[x];
            mean[start + x] = (a + b - centre) * full;
            low[start + x] = Math.min(centre, Math.min(a, b) * halfLine);
            high[start + x] = Math.max(centre, Math.max(a, b) * halfLine);
        }
    }

    /** One row's flank extremes, reused across rows and directions. */
    private static final class Flanks {
        final int width;
        final float[] minA;
        final float[] maxA;
        final float[] minB;
        final float[] maxB;

        Flanks(int width) {
            this.width = width;
            minA = new float[width];
            maxA = new float[width];
            minB = new float[width];
            maxB = new float[width];
        }

        /** The least and greatest flank means on each side of the row's pixels from {@code start}. */
        void row(float[] mean, int start, int[] side) {
            for (int x = 0; x < width; x++) {
                minA[x] = mean[start + x + side[0]];
                maxA[x] = minA[x];
                minB[x] = mean[start + x - side[0]];
                maxB[x] = minB[x];
            }
            for (int q = 1; q < side.length; q++) {
                int o = side[q];
                for (int x = 0; x < width; x++) {
                    float a = mean[start + x + o];
                    float b = mean[start + x - o];
                    minA[x] = Math.min(minA[x], a);
                    maxA[x] = Math.max(maxA[x], a);
                    minB[x] = Math.min(minB[x], b);
                    maxB[x] = Math.max(maxB[x], b);
                }
            }
        }

        /** Keeps, per pixel of the row, the stronger of the response so far and this direction's. */
        void update(
                float[] low,
                float[] high,
                int start,
                float[] contrast,
                byte[] polarity,
                byte[] direction,
                int out,
                byte k) {
            for (int x = 0; x < width; x++) {
                float bright = low[start + x] - Math.max(minA[x], minB[x]);
                float dark = Math.min(maxA[x], maxB[x]) - high[start + x];
                float best = Math.max(bright, dark);
                if (best > contrast[out + x]) {
                    contrast[out + x] = best;
                    polarity[out + x] = bright >= dark ? BRIGHT : DARK;
                    direction[out + x] = k;
                }
            }
        }
    }

    /** {@code luma} with {@code pad} pixels of replicated border on every side. */
    private static float[] pad(float[] luma, int h, int w, int pad) {
        int pw = w + 2 * pad;
        int ph = h + 2 * pad;
        float[] out = new float[pw * ph];
        for (int y = 0; y < ph; y++) {
            int sy = Math.min(h - 1, Math.max(0, y - pad));
            for (int x = 0; x < pw; x++) {
                out[y * pw + x] = luma[sy * w + Math.min(w - 1, Math.max(0, x - pad))];
            }
        }
        return out;
    }
}
