package dev.imagerestore.models.damage.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Anti-aliased strokes along polylines, and the random curves they follow.
 *
 * <p>A pixel (centre at integer coordinates) gets the opacity {@code s * clamp((h + soft/2 - d) / soft)}
 * of its nearest segment, where {@code d} is its distance to the segment, {@code h} the half width and
 * {@code s} the strength interpolated along it: a ramp {@code soft} px wide centred on the stroke's edge,
 * as in signed-distance anti-aliasing. The distance is jittered by value noise ({@code rag} px) to make
 * the edge ragged, and the colour by {@code tonal} so the fill is not flat.
 */
final class Strokes {

    private Strokes() {}

    /** One stroke; {@code half} and {@code strength} hold one value per point. */
    record Stroke(
            double[] xs,
            double[] ys,
            double[] half,
            double[] strength,
            double[] rgb,
            double tonal,
            double rag,
            double soft) {}

    static void draw(Layer layer, Stroke st, long key) {
        double reach = max(st.half()) + st.soft() + st.rag() + 1;
        for (int k = 0; k + 1 < st.xs().length; k++) {
            segment(layer, st, k, reach, key);
        }
        if (st.xs().length == 1) {
            segment(layer, st, 0, reach, key);
        }
    }

    private static void segment(Layer layer, Stroke st, int k, double reach, long key) {
        int k1 = Math.min(k + 1, st.xs().length - 1);
        double x0 = st.xs()[k];
        double y0 = st.ys()[k];
        double dx = st.xs()[k1] - x0;
        double dy = st.ys()[k1] - y0;
        double len2 = dx * dx + dy * dy;
        int xa = (int) Math.floor(Math.min(x0, x0 + dx) - reach);
        int xb = (int) Math.ceil(Math.max(x0, x0 + dx) + reach);
        int ya = (int) Math.floor(Math.min(y0, y0 + dy) - reach);
        int yb = (int) Math.ceil(Math.max(y0, y0 + dy) + reach);
        for (int y = Math.max(0, ya); y <= Math.min(layer.height - 1, yb); y++) {
            for (int x = Math.max(0, xa); x <= Math.min(layer.width - 1, xb); x++) {
                double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / len2));
                double ex = x - x0 - t * dx;
                double ey = y - y0 - t * dy;
                double d = Math.sqrt(ex * ex + ey * ey);
                double h = st.half()[k] + t * (st.half()[k1] - st.half()[k]);
                if (d >= h + st.soft() / 2 + st.rag()) {
                    continue;
                }
                double s = st.strength()[k] + t * (st.strength()[k1] - st.strength()[k]);
                double ragged = d + st.rag() * (2 * Hash.noise(key, x * 0.7, y * 0.7) - 1);
                double a = s * Math.max(0, Math.min(1, (h + st.soft() / 2 - ragged) / st.soft()));
                if (a > 0) {
                    double shade = st.tonal() * (2 * Hash.noise(key + 3, x / 2.5, y / 2.5) - 1);
                    layer.put(y, x, a, st.rgb()[0] + shade, st.rgb()[1] + shade, st.rgb()[2] + shade);
                }
            }
        }
    }

    /**
     * A random curve of points {@code step} px apart: at each step the heading turns by its curvature
     * plus Gaussian jitter of {@code turn} rad, and the curvature itself drifts by {@code curl} rad/px
     * per step (0 for nearly straight lines, ~0.1 for tight curls). Returns {xs, ys}.
     */
    static double[][] walk(
            SplittableRandom r,
            double x,
            double y,
            double heading,
            double length,
            double step,
            double turn,
            double curl) {
        int n = Math.max(2, (int) Math.ceil(length / step) + 1);
        double[] xs = new double[n];
        double[] ys = new double[n];
        double curvature = 0;
        for (int i = 0; i < n; i++) {
            xs[i] = x;
            ys[i] = y;
            curvature += curl * r.nextGaussian();
            heading += curvature * step + turn * r.nextGaussian();
            x += step * Math.cos(heading);
            y += step * Math.sin(heading);
        }
        return new double[][] {xs, ys};
    }

    /**
     * {@code n} values {@code base * (1 - wobble + 2 wobble * noise)} along a curve of points {@code step}
     * px apart, the noise at {@code scale} px per lattice step.
     */
    static double[] along(long key, int n, double step, double base, double wobble, double scale) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = base * (1 - wobble + 2 * wobble * Hash.fractal(key, i * step / scale));
        }
        return out;
    }

    /** Narrows the first and last {@code fraction} of a profile linearly down to {@code floor} times its value. */
    static void taper(double[] profile, double fraction, double floor) {
        int n = profile.length;
        int ends = Math.max(1, (int) (n * fraction));
        for (int i = 0; i < ends && i < n; i++) {
            double f = floor + (1 - floor) * i / (double) ends;
            profile[i] *= f;
            profile[n - 1 - i] *= f;
        }
    }

    static double[] filled(int n, double value) {
        double[] out = new double[n];
        Arrays.fill(out, value);
        return out;
    }

    private static double max(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
