package dev.imagerestore.models.damage.internal;

/**
 * Scratches: long, gently curving strokes whose width (1-4 px) and strength (0.55-1) drift along
 * their length and taper at the ends. The emulsion scraped off shows the paper (55 %), a dark base
 * (30 %) or a grey scuff (15 %); a third of them come with one to three thinner companions a few
 * pixels aside, as one abrasion leaves parallel tracks.
 */
final class Scratches {

    private Scratches() {}

    static void paint(Stage s, double budget) {
        double half = 0.5 + 1.3 * Math.pow(s.random.nextDouble(), 2);
        double pick = s.random.nextDouble();
        double[] rgb = pick < 0.55 ? Tones.paper(s) : pick < 0.85 ? Tones.dark(s) : Tones.scuff(s);
        double weakest = s.uniform(0.55, 0.95);
        int companions = s.chance(1 / 3.0) ? 1 + s.random.nextInt(3) : 0;
        double length = Math.max(
                6, Math.min(s.diagonal() * s.uniform(0.2, 1.1), budget / ((2 * half + 0.5) * (1 + 0.6 * companions))));
        double step = 2;
        double[][] path = Strokes.walk(
                s.random,
                s.uniform(0, s.width),
                s.uniform(0, s.height),
                s.uniform(0, 2 * Math.PI),
                length,
                step,
                0.006,
                0.0015);
        int n = path[0].length;
        for (int c = 0; c <= companions; c++) {
            double offset = c == 0 ? 0 : (s.chance(0.5) ? 1 : -1) * s.uniform(2.5, 7) * c;
            double[][] track = offset == 0 ? path : shifted(path, offset);
            double[] halves =
                    Strokes.along(s.key + 17 * c, n, step, c == 0 ? half : Math.max(0.5, 0.6 * half), 0.4, 30);
            Strokes.taper(halves, 0.12, 0.5);
            double[] strengths = new double[n];
            for (int i = 0; i < n; i++) {
                double drift = Hash.fractal(s.key + 17 * c + 1, i * step / 45);
                strengths[i] = weakest + (1 - weakest) * Math.min(1, drift + 0.25);
            }
            Strokes.draw(
                    s.loss,
                    new Strokes.Stroke(track[0], track[1], halves, strengths, rgb, 0.06, 0.25, s.chance(0.3) ? 1.6 : 1),
                    s.key + c);
        }
    }

    /** The path moved {@code offset} px along its normal at each point. */
    private static double[][] shifted(double[][] path, double offset) {
        int n = path[0].length;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            int a = Math.max(0, i - 1);
            int b = Math.min(n - 1, i + 1);
            double dx = path[0][b] - path[0][a];
            double dy = path[1][b] - path[1][a];
            double norm = Math.max(1e-9, Math.hypot(dx, dy));
            xs[i] = path[0][i] - offset * dy / norm;
            ys[i] = path[1][i] + offset * dx / norm;
        }
        return new double[][] {xs, ys};
    }
}
