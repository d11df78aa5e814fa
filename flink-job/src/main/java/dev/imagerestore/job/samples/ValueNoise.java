package dev.imagerestore.job.samples;

import java.util.SplittableRandom;

/** Smooth 2-D value noise in [0, 1] on a lattice of the given cell size, bilinearly interpolated. */
final class ValueNoise {

    private static final int SIZE = 64;

    private final double[] lattice = new double[SIZE * SIZE];
    private final double cell;

    ValueNoise(long seed, double cell) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < lattice.length; i++) {
            lattice[i] = random.nextDouble();
        }
        this.cell = cell;
    }

    double at(double x, double y) {
        double gx = x / cell;
        double gy = y / cell;
        int x0 = (int) Math.floor(gx);
        int y0 = (int) Math.floor(gy);
        double fx = smooth(gx - x0);
        double fy = smooth(gy - y0);
        double a = value(x0, y0);
        double b = value(x0 + 1, y0);
        double c = value(x0, y0 + 1);
        double d = value(x0 + 1, y0 + 1);
        return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
    }

    private double value(int x, int y) {
        return lattice[Math.floorMod(y, SIZE) * SIZE + Math.floorMod(x, SIZE)];
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }
}
