package dev.imagerestore.models.damage.internal;

/**
 * Cracks in the emulsion, in two forms seen on old prints.
 *
 * <p><b>Networks</b> (craquelure): the gelatin shrinks and splits into polygonal islands, whose borders
 * are drawn as the edges of a Voronoi diagram of jittered grid seeds (Worley, "A Cellular Texture
 * Basis Function", SIGGRAPH 1996), the usual model of craquelure in rendering (e.g. Gobron and Chiba,
 * "Crack pattern simulation based on 3D surface cellular automata", The Visual Computer 17, 2001, and
 * the Voronoi crack patterns of procedural texturing). A pixel's distance to a crack is its distance
 * to the bisector of its two nearest seeds ({@link CellSeeds}), taken at a position warped by smooth
 * noise (a fifth of a cell at the cell's scale, and up to a pixel at a 3 px scale) so the borders
 * wander and zigzag. Cells are 8-40 px; each border is open or not by a hash of its two seeds (some
 * stay closed, leaving dead ends) and has its own width (cracks 1-6 px wide, at most a fifth of a
 * cell); the network thins out over the noisy border of an elliptical patch.
 *
 * <p><b>Branching cracks</b>: jagged paths whose heading jitters around a persistent direction
 * (mean-reverting), narrowing towards their ends and spawning narrower side branches, recursively
 * (three levels), a simple fractal crack model.
 *
 * <p>Lost emulsion shows the paper (70 %) or a dark base (then at most 3 px wide: dark cracks are
 * hairlines), with ragged edges and uneven tone.
 */
final class Craquelure {

    /** Length of Voronoi edges per unit area, times the cell side (2 for Poisson seeds, 1.86 for hexagons). */
    private static final double HEXAGON_EDGE_PER_AREA = 1.86;

    private Craquelure() {}

    static void paint(Stage s, double budget) {
        if (s.chance(0.6)) {
            network(s, budget);
        } else {
            branching(s, budget);
        }
    }

    static void network(Stage s, double budget) {
        double cell = Math.max(6, Math.min(s.uniform(8, 40), Math.min(s.height, s.width) / 2.5));
        double half = Math.min(0.5 + 2.5 * Math.pow(s.random.nextDouble(), 2), Math.max(0.5, 0.1 * cell));
        double open = s.uniform(0.6, 1.0);
        double strength = s.uniform(0.7, 1.0);
        double[] rgb = Tones.lightOrDark(s, 0.7);
        half = rgb[0] < 0.5 ? Math.min(half, 1.2) : half;
        double fraction = Math.min(0.9, (2 * half + 0.5) * HEXAGON_EDGE_PER_AREA / cell * open * 0.7);
        double area = Math.min(budget / fraction, s.height * (double) s.width * s.uniform(0.1, 1.2));
        double aspect = s.uniform(0.6, 1.6);
        double rx = Math.max(cell, Math.sqrt(area / Math.PI * aspect));
        double ry = Math.max(cell, Math.sqrt(area / Math.PI / aspect));
        double cx = s.uniform(0, s.width);
        double cy = s.uniform(0, s.height);
        double warp = cell * s.uniform(0.12, 0.25);
        double jag = s.uniform(0.4, 1.0);
        long key = s.key;
        int ya = Math.max(0, (int) (cy - 1.4 * ry));
        int yb = Math.min(s.height - 1, (int) (cy + 1.4 * ry));
        int xa = Math.max(0, (int) (cx - 1.4 * rx));
        int xb = Math.min(s.width - 1, (int) (cx + 1.4 * rx));
        double outline = 0.5 * Math.min(rx, ry);
        double[] coarse = new double[2];
        double[] fine = new double[2];
        double slack = (warp + jag) / cell + 2;
        CellSeeds seeds = new CellSeeds(
                key + 5,
                (int) Math.floor(xa / cell - slack),
                (int) Math.floor(ya / cell - slack),
                (int) Math.ceil(xb / cell + slack),
                (int) Math.ceil(yb / cell + slack));
        for (int y = ya; y <= yb; y++) {
            for (int x = xa; x <= xb; x++) {
                double r = Math.sqrt((x - cx) * (x - cx) / (rx * rx) + (y - cy) * (y - cy) / (ry * ry));
                double border = 1 + 0.7 * (Hash.noise(key + 9, x / outline, y / outline) - 0.5);
                double falloff = Math.max(0, Math.min(1, (border - r) / 0.3));
                if (falloff == 0) {
                    continue;
                }
                Hash.noisePair(key + 1, x / (0.7 * cell), y / (0.7 * cell), coarse);
                Hash.noisePair(key + 7, x / 3.0, y / 3.0, fine);
                double wx = x + warp * (2 * coarse[0] - 1) + jag * (2 * fine[0] - 1);
                double wy = y + warp * (2 * coarse[1] - 1) + jag * (2 * fine[1] - 1);
                seeds.locate(wx / cell, wy / cell);
                if (seeds.distance() * cell > 1.5 * half + 0.85 || Hash.unit(key + 11, seeds.pair(), 0) > open) {
                    continue;
                }
                double h = half * (0.5 + Hash.unit(key + 12, seeds.pair(), 0)) * (0.35 + 0.65 * falloff);
                double d = seeds.distance() * cell + 0.35 * (2 * Hash.noise(key + 4, x * 0.7, y * 0.7) - 1);
                double a = strength * Math.max(0, Math.min(1, h + 0.5 - d));
                if (a > 0) {
                    double shade = 0.07 * (2 * Hash.noise(key + 3, x / 2.5, y / 2.5) - 1);
                    s.loss.put(y, x, a, rgb[0] + shade, rgb[1] + shade, rgb[2] + shade);
                }
            }
        }
    }

    static void branching(Stage s, double budget) {
        double half = 0.5 + 1.3 * Math.pow(s.random.nextDouble(), 2);
        double strength = s.uniform(0.75, 1.0);
        double[] rgb = Tones.lightOrDark(s, 0.7);
        half = rgb[0] < 0.5 ? Math.min(half, 1.2) : half;
        double allowed = Math.max(8, budget / (2 * half + 0.4));
        double length = Math.min(s.diagonal() * s.uniform(0.15, 0.6), 0.5 * allowed);
        double[] drawn = {0};
        grow(
                s,
                s.uniform(0, s.width),
                s.uniform(0, s.height),
                s.uniform(0, 2 * Math.PI),
                length,
                half,
                strength,
                rgb,
                0,
                allowed,
                drawn);
    }

    private static void grow(
            Stage s,
            double x,
            double y,
            double heading,
            double length,
            double half,
            double strength,
            double[] rgb,
            int depth,
            double allowed,
            double[] drawn) {
        double step = 2.0;
        int n = Math.max(2, (int) (length / step) + 1);
        double[] xs = new double[n];
        double[] ys = new double[n];
        double deviation = 0;
        for (int i = 0; i < n; i++) {
            xs[i] = x;
            ys[i] = y;
            deviation = 0.8 * deviation + 0.3 * s.random.nextGaussian();
            x += step * Math.cos(heading + deviation);
            y += step * Math.sin(heading + deviation);
            heading += 0.03 * s.random.nextGaussian();
        }
        double[] halves = Strokes.along(s.key + depth, n, step, half, 0.35, 12);
        for (int i = 0; i < n; i++) {
            halves[i] *= 1 - 0.6 * i / (double) n;
        }
        double[] strengths = Strokes.filled(n, strength);
        Strokes.draw(s.loss, new Strokes.Stroke(xs, ys, halves, strengths, rgb, 0.07, 0.35, 1), s.key);
        drawn[0] += length;
        for (int i = 1; i < n - 1 && depth < 3 && drawn[0] < allowed; i++) {
            if (s.chance(0.045)) {
                double side = s.chance(0.5) ? 1 : -1;
                double branchHeading = Math.atan2(ys[i + 1] - ys[i], xs[i + 1] - xs[i]) + side * s.uniform(0.4, 1.3);
                double branchLength =
                        Math.min(allowed - drawn[0], length * s.uniform(0.25, 0.6) * (1 - i / (double) n));
                if (branchLength > 4) {
                    grow(
                            s,
                            xs[i],
                            ys[i],
                            branchHeading,
                            branchLength,
                            Math.max(0.5, halves[i] * 0.8),
                            strength,
                            rgb,
                            depth + 1,
                            allowed,
                            drawn);
                }
            }
        }
    }
}
