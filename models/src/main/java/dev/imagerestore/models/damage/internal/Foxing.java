package dev.imagerestore.models.damage.internal;

/**
 * Foxing and stains: tone changes that keep the picture underneath. Seven in ten are a cluster of
 * small rust-brown foxing spots (radius 1.5-7 px) around one place; the rest one larger irregular
 * blotch (radius 8-45 px) with a darker tide line near its border. Each is a multiplicative gain per
 * channel, {@code 1 - t k (0.3, 0.6, 1.0)} for a strength {@code k} of 0.08-0.35 (blue loses most), weighted
 * by a profile {@code t} that is 1 at the centre and exactly 0 from the noisy border out, so the stain
 * mask (every pixel with {@code t > 0}) holds all the change.
 */
final class Foxing {

    private Foxing() {}

    static void paint(Stage s, double budget) {
        double k = s.uniform(0.08, 0.35);
        double[] gain = {1 - 0.3 * k, 1 - 0.6 * k, 1 - k};
        if (s.chance(0.7)) {
            double cx = s.uniform(0, s.width);
            double cy = s.uniform(0, s.height);
            double spread = s.uniform(4, 25);
            int spots = 1 + s.random.nextInt((int) Math.max(1, Math.min(12, budget / 40)));
            for (int i = 0; i < spots; i++) {
                double radius = Math.min(1.5 + 5.5 * Math.pow(s.random.nextDouble(), 2), Math.sqrt(budget / Math.PI));
                blot(
                        s,
                        cx + spread * s.random.nextGaussian(),
                        cy + spread * s.random.nextGaussian(),
                        Math.max(1.5, radius),
                        gain,
                        0.3,
                        i);
            }
        } else {
            double radius = Math.max(3, Math.min(s.uniform(8, 45), Math.sqrt(budget / Math.PI)));
            blot(s, s.uniform(0, s.width), s.uniform(0, s.height), radius, gain, s.uniform(0.3, 0.8), 0);
        }
    }

    private static void blot(Stage s, double cx, double cy, double radius, double[] gain, double tide, int index) {
        long key = s.key + index;
        double wobble = Math.max(2, radius / 2);
        int reach = (int) Math.ceil(1.4 * radius + 1);
        for (int y = (int) cy - reach; y <= (int) cy + reach; y++) {
            for (int x = (int) cx - reach; x <= (int) cx + reach; x++) {
                double border = radius * (1 + 0.5 * (Hash.noise(key, x / wobble, y / wobble) - 0.5));
                double q = Math.sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy)) / border;
                if (q >= 1) {
                    continue;
                }
                double body = 0.55 + 0.45 * Hash.smooth(Math.min(1, (1 - q) / 0.7));
                double ring = tide * Math.exp(-Math.pow((q - 0.85) / 0.08, 2));
                double t = Math.min(1, body + ring) * Hash.smooth(Math.min(1, (1 - q) / 0.25));
                s.tone.put(y, x, t, gain[0], gain[1], gain[2]);
            }
        }
    }
}
