package dev.imagerestore.models.damage.internal;

/**
 * A fold: a nearly straight line across the whole print (three in four near an axis, within 8
 * degrees; the rest at any angle) with a slight bend. Along its crest the emulsion cracked off in a
 * thin ragged line (1-4 px), broken where the fold held: the crest is lost where fractal noise along
 * the line exceeds a threshold set from the budget, so a small budget gives a fold that mostly held
 * rather than a short fold; these pixels are damage. The paper's relief shades a shoulder 2-6 px wide on
 * either side, one lighter and one darker (gains 1 +/- 0.08-0.25, fading quadratically): tone changes
 * that keep the picture, recorded on the tone layer with the stains.
 */
final class Crease {

    private Crease() {}

    /** The length of the line through (px, py), a point of the image, along (dx, dy) (a unit vector). */
    private static double chord(Stage s, double px, double py, double dx, double dy) {
        double low = Double.NEGATIVE_INFINITY;
        double high = Double.POSITIVE_INFINITY;
        double[][] slabs = {{px, dx, s.width}, {py, dy, s.height}};
        for (double[] slab : slabs) {
            if (Math.abs(slab[1]) > 1e-9) {
                double a = -slab[0] / slab[1];
                double b = (slab[2] - slab[0]) / slab[1];
                low = Math.max(low, Math.min(a, b));
                high = Math.min(high, Math.max(a, b));
            }
        }
        return Math.max(1, high - low);
    }

    static void paint(Stage s, double budget) {
        double theta = s.chance(0.75)
                ? (s.chance(0.5) ? 0 : Math.PI / 2) + Math.toRadians(s.uniform(-8, 8))
                : s.uniform(0, Math.PI);
        double nx = -Math.sin(theta);
        double ny = Math.cos(theta);
        double px = s.uniform(0.1, 0.9) * s.width;
        double py = s.uniform(0.1, 0.9) * s.height;
        double half = s.uniform(0.7, 1.8);
        double present = Math.max(0.03, Math.min(0.85, budget / (chord(s, px, py, ny, -nx) * (2 * half + 0.5))));
        double gap = 0.7 - 0.45 * present;
        double bend = s.uniform(0, 4);
        double shoulder = s.uniform(2, 6);
        double k = s.uniform(0.08, 0.25);
        double side = s.chance(0.5) ? 1 : -1;
        double strength = s.uniform(0.75, 1.0);
        double[] rgb = s.chance(0.85) ? Tones.paper(s) : Tones.dark(s);
        long key = s.key;
        double reach = shoulder + bend + 2;
        for (int y = 0; y < s.height; y++) {
            for (int x = 0; x < s.width; x++) {
                double u = (x - px) * ny - (y - py) * nx;
                double straight = (x - px) * nx + (y - py) * ny;
                if (Math.abs(straight) > reach) {
                    continue;
                }
                double d = straight - bend * (2 * Hash.noise(key, u / (s.diagonal() / 3)) - 1);
                double presence = Math.max(0, Math.min(1, (Hash.fractal(key + 1, u / 25) - gap) / 0.08));
                double h = half * (0.6 + 0.8 * Hash.noise(key + 2, u / 15));
                double ragged = Math.abs(d) + 0.4 * (2 * Hash.noise(key + 3, x * 0.7, y * 0.7) - 1);
                double a = strength * presence * Math.max(0, Math.min(1, h + 0.5 - ragged));
                if (a > 0) {
                    double shade = 0.06 * (2 * Hash.noise(key + 4, x / 2.5, y / 2.5) - 1);
                    s.loss.put(y, x, a, rgb[0] + shade, rgb[1] + shade, rgb[2] + shade);
                }
                if (Math.abs(d) < shoulder) {
                    double t = Math.pow(1 - Math.abs(d) / shoulder, 2) * (0.6 + 0.4 * Hash.noise(key + 5, u / 30));
                    double g = d * side > 0 ? 1 + k : 1 - k;
                    s.tone.put(y, x, t, g, g, g);
                }
            }
        }
    }
}
