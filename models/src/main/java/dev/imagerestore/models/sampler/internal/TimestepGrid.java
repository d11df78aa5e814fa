package dev.imagerestore.models.sampler.internal;

import dev.imagerestore.models.schedule.NoiseSchedule;
import java.util.Arrays;

/**
 * The timesteps a sampler visits from a fractional start: {@code startT}, then
 * {@code rint(startT - i (startT + 1)/steps)} for {@code i = 1..steps-1} (nearest integer, ties to
 * even), keeping only values in {@code [0, startT)} that are below the previous one, then {@code -1}.
 */
public final class TimestepGrid {

    private TimestepGrid() {}

    public static double[] of(NoiseSchedule schedule, double startT, int steps) {
        int last = schedule.steps() - 1;
        if (!(startT >= -1 && startT <= last)) {
            throw new IllegalArgumentException("start timestep " + startT + " is outside [-1, " + last + "] of "
                    + schedule + "; map a noise level with NoiseSchedule.timestepForPixelSigma");
        }
        if (startT == -1) {
            return new double[] {-1};
        }
        double[] grid = new double[steps + 1];
        int n = 0;
        grid[n++] = startT;
        double stride = (startT + 1) / steps;
        for (int i = 1; i < steps; i++) {
            double t = Math.rint(startT - i * stride);
            if (t >= 0 && t < grid[n - 1]) {
                grid[n++] = t;
            }
        }
        grid[n++] = -1;
        return Arrays.copyOf(grid, n);
    }

    static int checkSteps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("a sampler needs at least 1 step, got " + steps);
        }
        return steps;
    }
}
