package dev.imagerestore.models.damage.internal;

/**
 * Hairs and lint on the print or the scanner glass: thin (1-1.6 px) strokes, soft when out of focus.
 * A hair is a long curve whose curvature drifts slowly, dark in nine cases of ten; lint is a tuft of
 * one to four short fibres from one point that curl tightly, light or dark alike.
 */
final class Fibres {

    private Fibres() {}

    static void paint(Stage s, double budget) {
        if (s.chance(0.5)) {
            hair(s, budget);
        } else {
            lint(s, budget);
        }
    }

    private static void hair(Stage s, double budget) {
        double half = s.uniform(0.5, 0.8);
        double[] rgb = s.chance(0.9) ? Tones.dark(s) : Tones.paper(s);
        double strength = s.uniform(0.75, 1.0);
        double soft = s.uniform(1, 2.2);
        double length = Math.max(6, Math.min(s.diagonal() * s.uniform(0.1, 0.5), budget / (2 * half + 0.3)));
        double step = 1.5;
        double[][] path = Strokes.walk(
                s.random,
                s.uniform(0, s.width),
                s.uniform(0, s.height),
                s.uniform(0, 2 * Math.PI),
                length,
                step,
                0.01,
                s.uniform(0.001, 0.012));
        int n = path[0].length;
        double[] halves = Strokes.along(s.key, n, step, half, 0.15, 20);
        Strokes.taper(halves, 0.1, 0.7);
        Strokes.draw(
                s.loss,
                new Strokes.Stroke(path[0], path[1], halves, Strokes.filled(n, strength), rgb, 0.03, 0.1, soft),
                s.key);
    }

    private static void lint(Stage s, double budget) {
        double[] rgb = Tones.lightOrDark(s, 0.5);
        double strength = s.uniform(0.75, 1.0);
        double x = s.uniform(0, s.width);
        double y = s.uniform(0, s.height);
        int fibres = 1 + s.random.nextInt(4);
        double step = 1;
        for (int f = 0; f < fibres; f++) {
            double half = s.uniform(0.5, 0.75);
            double length = Math.max(5, Math.min(s.uniform(8, 40), budget / fibres / (2 * half + 0.3)));
            double[][] path =
                    Strokes.walk(s.random, x, y, s.uniform(0, 2 * Math.PI), length, step, 0.05, s.uniform(0.02, 0.08));
            int n = path[0].length;
            Strokes.draw(
                    s.loss,
                    new Strokes.Stroke(
                            path[0],
                            path[1],
                            Strokes.filled(n, half),
                            Strokes.filled(n, strength),
                            rgb,
                            0.05,
                            0.15,
                            1.2),
                    s.key + f);
        }
    }
}
