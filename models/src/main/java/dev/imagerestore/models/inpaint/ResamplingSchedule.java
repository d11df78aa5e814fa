package dev.imagerestore.models.inpaint;

import java.util.Arrays;

/**
 * The order in which RePaint visits the noise levels of a respaced sampler, with its resampling
 * "jumps" (Lugmayr et al., "RePaint: Inpainting using Denoising Diffusion Probabilistic Models",
 * CVPR 2022, section 4.2 and Algorithm 1; the schedule of their code's {@code get_schedule_jump}).
 *
 * <p>Levels count the sampler's grid from the clean image: level 0 is the clean image, level
 * {@code steps} the starting state, level {@code i} the grid timestep {@code steps - i} places from the
 * start. The walk starts at {@code steps} and goes down one level at a time (one network evaluation
 * each). On arriving at a level {@code i >= 1} with {@code (i - 1) % jumpLength == 0} and
 * {@code i + jumpLength <= steps}, it goes back up {@code jumpLength} levels one at a time (forward
 * diffusion, no network), then down again; this happens {@code jumpRepeats - 1} times per such level,
 * so each level of a jumped segment is denoised {@code jumpRepeats} times. With
 * {@code jumpRepeats = 1} the walk is the plain sampler. Example, {@code steps = 6}, jump length 2,
 * 2 repeats: {@code 6 5 4 3 4 5 4 3 2 1 2 3 2 1 0}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ResamplingSchedule {

    private final int steps;
    private final int jumpLength;
    private final int jumpRepeats;
    private final int[] levels;

    private ResamplingSchedule(int steps, int jumpLength, int jumpRepeats, int[] levels) {
        this.steps = steps;
        this.jumpLength = jumpLength;
        this.jumpRepeats = jumpRepeats;
        this.levels = levels;
    }

    /**
     * The walk over {@code steps} levels.
     *
     * @throws IllegalArgumentException if steps, jumpLength or jumpRepeats is below 1
     */
    public static ResamplingSchedule of(int steps, int jumpLength, int jumpRepeats) {
        if (steps < 1 || jumpLength < 1 || jumpRepeats < 1) {
            throw new IllegalArgumentException("need steps >= 1, jump length >= 1 and jump repeats >= 1, got steps="
                    + steps + ", jump length=" + jumpLength + ", jump repeats=" + jumpRepeats
                    + " (jump repeats 1 disables resampling)");
        }
        int[] jumpsLeft = new int[steps + 1];
        for (int i = 1; i + jumpLength <= steps; i += jumpLength) {
            jumpsLeft[i] = jumpRepeats - 1;
        }
        int[] walk = new int[steps + 1 + 2 * jumpLength * (jumpRepeats - 1) * (steps / jumpLength + 1)];
        int n = 0;
        int level = steps;
        walk[n++] = level;
        while (level > 0) {
            walk[n++] = --level;
            if (jumpsLeft[level] > 0) {
                jumpsLeft[level]--;
                for (int k = 0; k < jumpLength; k++) {
                    walk[n++] = ++level;
                }
            }
        }
        return new ResamplingSchedule(steps, jumpLength, jumpRepeats, Arrays.copyOf(walk, n));
    }

    public int steps() {
        return steps;
    }

    public int jumpLength() {
        return jumpLength;
    }

    public int jumpRepeats() {
        return jumpRepeats;
    }

    /** The levels visited, first ({@code steps}) to last (0). */
    public int[] levels() {
        return levels.clone();
    }

    /** Network evaluations of a run: the number of downward moves. */
    public int networkEvaluations() {
        int downs = 0;
        for (int k = 1; k < levels.length; k++) {
            if (levels[k] < levels[k - 1]) {
                downs++;
            }
        }
        return downs;
    }

    /**
     * The timesteps visited, given the sampler's grid ({@code grid[0]} the start, {@code grid[steps]}
     * the clean image, -1): level {@code i} is {@code grid[steps - i]}.
     */
    public double[] timesteps(double[] grid) {
        if (grid.length != steps + 1) {
            throw new IllegalArgumentException("a schedule of " + steps + " steps needs a grid of " + (steps + 1)
                    + " timesteps, got " + grid.length + "; a short start leaves fewer grid points: build the schedule "
                    + "with grid.length - 1 steps");
        }
        double[] out = new double[levels.length];
        for (int k = 0; k < levels.length; k++) {
            out[k] = grid[steps - levels[k]];
        }
        return out;
    }

    @Override
    public String toString() {
        return "ResamplingSchedule[steps=" + steps + ", jump length=" + jumpLength + ", repeats=" + jumpRepeats + ", "
                + networkEvaluations() + " network evaluations]";
    }
}
