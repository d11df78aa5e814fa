package dev.imagerestore.models.sampler.internal;

import ai.djl.ndarray.NDArray;
import dev.imagerestore.models.sampler.SchedulerState;
import java.util.Arrays;
import java.util.List;

/**
 * The state every scheduler of this library uses: the run's timesteps, the stride
 * {@code grid[index] -> grid[index + 1]} under way, the stage within it (0 evaluates at the stride's
 * start, later stages at its end), the evaluations made, and what the method carries: arrays (a
 * first-stage slope, a previous clean estimate) and one number (a previous log signal-to-noise ratio).
 * Immutable; the grid is never exposed.
 */
public final class GridState implements SchedulerState {

    private final Object owner;
    private final double[] grid;
    private final int index;
    private final int stage;
    private final int evaluation;
    private final List<NDArray> carried;
    private final double scalar;

    private GridState(
            Object owner, double[] grid, int index, int stage, int evaluation, List<NDArray> carried, double scalar) {
        this.owner = owner;
        this.grid = grid;
        this.index = index;
        this.stage = stage;
        this.evaluation = evaluation;
        this.carried = List.copyOf(carried);
        this.scalar = scalar;
    }

    /**
     * The state before the first stride over {@code timesteps}, owned by {@code owner}.
     *
     * @throws IllegalArgumentException if the timesteps are fewer than two, not strictly decreasing,
     *     or below -1
     */
    static GridState start(Object owner, double[] timesteps) {
        double[] grid = timesteps.clone();
        if (grid.length < 2) {
            throw new IllegalArgumentException("a run needs at least two timesteps, got " + Arrays.toString(grid));
        }
        for (int i = 0; i < grid.length; i++) {
            if (!(grid[i] >= -1) || i > 0 && !(grid[i] < grid[i - 1])) {
                throw new IllegalArgumentException(
                        "timesteps must decrease strictly down to no less than -1, got " + Arrays.toString(grid));
            }
        }
        return new GridState(owner, grid, 0, 0, 0, List.of(), Double.NaN);
    }

    /** {@code state} as a state of {@code owner}'s, unfinished. */
    static GridState of(Object owner, SchedulerState state) {
        if (!(state instanceof GridState g) || g.owner != owner) {
            throw new IllegalArgumentException("state " + state + " was not made by " + owner);
        }
        if (g.finished()) {
            throw new IllegalArgumentException("the run is finished at timestep " + g.timestep() + "; no step is left");
        }
        return g;
    }

    /** The next stride's first stage, carrying {@code carried} and {@code scalar}. */
    GridState nextStride(List<NDArray> carried, double scalar) {
        return new GridState(owner, grid, index + 1, 0, evaluation + 1, carried, scalar);
    }

    /** The next stage of this stride, carrying {@code carried}. */
    GridState nextStage(List<NDArray> carried) {
        return new GridState(owner, grid, index, stage + 1, evaluation + 1, carried, scalar);
    }

    double from() {
        return grid[index];
    }

    double to() {
        return grid[index + 1];
    }

    int stage() {
        return stage;
    }

    double scalar() {
        return scalar;
    }

    NDArray carried(int i) {
        return carried.get(i);
    }

    @Override
    public boolean finished() {
        return index == grid.length - 1;
    }

    @Override
    public double timestep() {
        return finished() ? grid[index] : stage == 0 ? from() : to();
    }

    @Override
    public int stride() {
        return index;
    }

    @Override
    public int evaluation() {
        return evaluation;
    }

    @Override
    public List<NDArray> arrays() {
        return carried;
    }

    @Override
    public String toString() {
        return "GridState("
                + (finished() ? "finished at " + timestep() : "stride " + from() + " -> " + to() + ", stage " + stage)
                + ", " + evaluation + " evaluations)";
    }
}
