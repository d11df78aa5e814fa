package dev.imagerestore.models.damage.internal;

/**
 * Pieces of the print that are gone: a tear reaching in from one edge, or a missing corner. Both are
 * a region bounded by a rough curve (two octaves of fractal noise for the ragged outline, fine noise
 * for the paper fibres); a pixel's opacity ramps over one pixel across that curve. Within 1.5-4 px of
 * the curve the torn paper shows its white core; beyond it the scanner sees the background (white or
 * black lid, grey or brown card). The whole region is damage.
 */
final class EdgeLoss {

    private EdgeLoss() {}

    /** A tear from one side: a skewed bump of depth along a stretch of that side. */
    static void tear(Stage s, double budget) {
        int side = s.random.nextInt(4);
        boolean across = side < 2;
        double along = across ? s.width : s.height;
        double inward = across ? s.height : s.width;
        double aspect = s.uniform(0.25, 1.0);
        double area = Math.min(budget, 0.55 * along * inward * s.uniform(0.03, 0.2));
        double span = Math.min(along, Math.sqrt(area / (0.55 * aspect)));
        double depth = Math.min(0.7 * inward, area / (0.55 * span));
        double start = s.uniform(-0.1 * span, along - 0.9 * span);
        double peak = s.uniform(0.3, 0.7);
        double rough = s.uniform(0.15, 0.35);
        Rim rim = new Rim(Tones.paper(s), Tones.background(s), s.uniform(1.5, 4), s.key);
        long key = s.key;
        for (int y = 0; y < s.height; y++) {
            for (int x = 0; x < s.width; x++) {
                double u = across ? x : y;
                double v = switch (side) {
                    case 0 -> y;
                    case 1 -> s.height - 1 - y;
                    case 2 -> x;
                    default -> s.width - 1 - x;
                };
                double q = (u - start) / span;
                if (q <= 0 || q >= 1 || v > depth * 1.5 + 4) {
                    continue;
                }
                double bump = Math.sqrt(q < peak ? q / peak : (1 - q) / (1 - peak));
                double reach = depth * (bump + rough * (2 * Hash.fractal(key, u / Math.max(3, span / 8)) - 1))
                        + 1.2 * (2 * Hash.noise(key + 1, u / 1.7) - 1);
                rim.put(s, y, x, reach - v);
            }
        }
    }

    /** A corner cut off along a rough, slightly bent line between legs {@code a} (along x) and {@code b} (along y). */
    static void corner(Stage s, double budget) {
        int corner = s.random.nextInt(4);
        double ratio = s.uniform(0.5, 2);
        double area = Math.min(budget, s.height * (double) s.width * s.uniform(0.005, 0.06));
        double a = Math.min(0.7 * s.width, Math.sqrt(2 * area * ratio));
        double b = Math.min(0.7 * s.height, 2 * area / a);
        double bend = s.uniform(-0.08, 0.08) * Math.hypot(a, b);
        double rough = s.chance(0.5) ? s.uniform(0.2, 0.6) : s.uniform(1, 3);
        Rim rim = new Rim(Tones.paper(s), Tones.background(s), s.uniform(1.5, 4), s.key);
        double hyp = Math.hypot(a, b);
        long key = s.key;
        double margin = Math.abs(bend) + rough + 1;
        int rows = (int) Math.min(s.height, Math.ceil(b + margin * hyp / a + 1));
        int columns = (int) Math.min(s.width, Math.ceil(a + margin * hyp / b + 1));
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                double q = Math.max(0, Math.min(1, (x / a - y / b + 1) / 2));
                double e = (1 - x / a - y / b) * a * b / hyp
                        + bend * Math.sin(Math.PI * q)
                        + rough * (2 * Hash.fractal(key, q * hyp / 6) - 1);
                int px = (corner & 1) == 0 ? x : s.width - 1 - x;
                int py = (corner & 2) == 0 ? y : s.height - 1 - y;
                rim.put(s, py, px, e);
            }
        }
    }

    /** The fill of a lost region at signed distance {@code e} inside its outline. */
    private record Rim(double[] paper, double[] background, double width, long key) {

        void put(Stage s, int y, int x, double e) {
            double a = Math.max(0, Math.min(1, e + 0.5));
            if (a <= 0) {
                return;
            }
            double fibre = 0.8 * (2 * Hash.noise(key + 2, x * 0.8, y * 0.8) - 1);
            double[] rgb = e + fibre < width ? paper : background;
            double shade = 0.05 * (2 * Hash.noise(key + 3, x / 2.0, y / 2.0) - 1);
            s.loss.put(y, x, a, rgb[0] + shade, rgb[1] + shade, rgb[2] + shade);
        }
    }
}
