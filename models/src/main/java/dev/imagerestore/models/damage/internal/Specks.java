package dev.imagerestore.models.damage.internal;

/**
 * Dust: a sprinkling of small soft specks, each one to three overlapping round lobes of radius
 * 0.7-2.5 px (mostly small), light (dust on the negative prints white) or dark (dust on the print or
 * the glass), with a light share drawn per sprinkling.
 */
final class Specks {

    private Specks() {}

    static void paint(Stage s, double budget) {
        double lightShare = s.uniform(0.2, 0.8);
        int count = 1 + s.random.nextInt((int) Math.max(1, Math.min(400, budget / 6)));
        for (int k = 0; k < count; k++) {
            speck(
                    s,
                    s.uniform(0, s.width),
                    s.uniform(0, s.height),
                    0.7 + 1.8 * Math.pow(s.random.nextDouble(), 3),
                    s.chance(lightShare) ? light(s) : Tones.dark(s),
                    k);
        }
    }

    private static double[] light(Stage s) {
        double v = s.uniform(0.82, 1.0);
        return new double[] {v, v, v - 0.01};
    }

    private static void speck(Stage s, double cx, double cy, double radius, double[] rgb, int index) {
        int lobes = 1 + s.random.nextInt(3);
        double[][] centres = new double[lobes][];
        for (int l = 0; l < lobes; l++) {
            double angle = s.uniform(0, 2 * Math.PI);
            double off = l == 0 ? 0 : s.uniform(0.3, 0.8) * radius;
            centres[l] = new double[] {
                cx + off * Math.cos(angle), cy + off * Math.sin(angle), radius * (l == 0 ? 1 : s.uniform(0.5, 0.9))
            };
        }
        double strength = s.uniform(0.65, 1.0);
        double soft = s.uniform(1, 1.8);
        long key = s.key + index;
        int reach = (int) Math.ceil(2 * radius + soft + 1);
        for (int y = (int) cy - reach; y <= (int) cy + reach; y++) {
            for (int x = (int) cx - reach; x <= (int) cx + reach; x++) {
                double d = Double.MAX_VALUE;
                for (double[] c : centres) {
                    d = Math.min(d, Math.sqrt((x - c[0]) * (x - c[0]) + (y - c[1]) * (y - c[1])) - c[2]);
                }
                d += 0.3 * (2 * Hash.noise(key, x * 0.9, y * 0.9) - 1);
                double a = strength * Math.max(0, Math.min(1, (soft / 2 - d) / soft));
                s.loss.put(y, x, a, rgb[0], rgb[1], rgb[2]);
            }
        }
    }
}
