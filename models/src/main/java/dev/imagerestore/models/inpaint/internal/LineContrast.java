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
            lineMeans(padded, pw, pad - reach, h + 2 * reach, w + 2 * reach, along, mean, low, high);
            for (int y = 0; y < h; y++) {
                int row = (y + pad) * pw + pad;
                for (int x = 0; x < w; x++) {
                    int i = row + x;
                    float minA = Float.MAX_VALUE;
                    float maxA = -Float.MAX_VALUE;
                    float minB = Float.MAX_VALUE;
                    float maxB = -Float.MAX_VALUE;
                    for (int o : side) {
                        float a = mean[i + o];
                        float b = mean[i - o];
                        minA = Math.min(minA, a);
                        maxA = Math.max(maxA, a);
                        minB = Math.min(minB, b);
                        maxB = Math.max(maxB, b);
                    }
                    float bright = low[i] - Math.max(minA, minB);
                    float dark = Math.min(maxA, maxB) - high[i];
                    float best = Math.max(bright, dark);
                    int j = y * w + x;
                    if (best > contrast[j]) {
                        contrast[j] = best;
                        polarity[j] = bright >= dark ? BRIGHT : DARK;
                        direction[j] = (byte) k;
                    }
                }
            }
        }
        return new Response(contrast, polarity, direction);
    }

    /**
     * For the {@code rows x cols} block at ({@code origin}, {@code origin}) of the padded plane: the
     * full-line mean, and the least and greatest of the pixel and its two half-line means.
     */
    private static void lineMeans(float[] padded, int pw, int origin, int rows, int cols, int[] along, float[] mean,
            float[] low, float[] high) {
        float full = 1f / (2 * along.length + 1);
        float halfLine = 1f / (along.length + 1);
        for (int y = origin; y < origin + rows; y++) {
            for (int x = origin; x < origin + cols; x++) {
                int i = y * pw + x;
                float centre = padded[i];
                float a = 0;
                float b = 0;
                for (int o : along) {
                    a += padded[i + o];
                    b += padded[i - o];
                }
                mean[i] = (a + b + centre) * full;
                float ha = (a + centre) * halfLine;
                float hb = (b + centre) * halfLine;
                low[i] = Math.min(centre, Math.min(ha, hb));
                high[i] = Math.max(centre, Math.max(ha, hb));
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
