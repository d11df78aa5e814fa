package dev.imagerestore.models.restore.internal;

/**
 * The tiles along one image axis: their start offsets and their normalised blending weights.
 *
 * <p>{@code n = ceil((length - overlap) / (side - overlap))} tiles are spread evenly from 0 to
 * {@code length - side}, so neighbours overlap by at least {@code overlap}. Across each overlap with
 * a neighbour a tile's raw weight rises as a raised-cosine ramp {@code (1 - cos(pi (k + 1/2) / L)) / 2}
 * (k = 0..L-1 from the shared edge); the two ramps of a two-tile overlap add to one, and dividing every
 * raw weight by the sum of all tiles' raw weights at that position makes the weights a partition of
 * unity even where three tiles meet. Every raw weight is positive, so the sum never vanishes.
 * Immutable.
 */
public final class AxisTiling {

    private final int[] starts;
    private final float[][] weights;

    private AxisTiling(int[] starts, float[][] weights) {
        this.starts = starts;
        this.weights = weights;
    }

    /** Tiles of {@code side} samples covering {@code length >= side} samples, overlapping by at least {@code overlap}. */
    public static AxisTiling of(int length, int side, int overlap) {
        if (side < 1 || length < side || overlap < 0 || overlap >= side) {
            throw new IllegalArgumentException("need 1 <= side <= length and 0 <= overlap < side, got length=" + length
                    + ", side=" + side + ", overlap=" + overlap);
        }
        int count = count(length, side, overlap);
        int[] starts = new int[count];
        for (int i = 1; i < count; i++) {
            starts[i] = (int) ((2L * i * (length - side) + (count - 1)) / (2L * (count - 1)));
        }
        double[][] raw = new double[count][side];
        double[] sums = new double[length];
        for (int i = 0; i < count; i++) {
            int left = i > 0 ? starts[i - 1] + side - starts[i] : 0;
            int right = i < count - 1 ? starts[i] + side - starts[i + 1] : 0;
            for (int k = 0; k < side; k++) {
                raw[i][k] = ramp(k, left) * ramp(side - 1 - k, right);
                sums[starts[i] + k] += raw[i][k];
            }
        }
        float[][] weights = new float[count][side];
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < side; k++) {
                weights[i][k] = (float) (raw[i][k] / sums[starts[i] + k]);
            }
        }
        return new AxisTiling(starts, weights);
    }

    /** How many tiles of {@code side} cover {@code length} samples overlapping by at least {@code overlap}. */
    public static int count(int length, int side, int overlap) {
        return length <= side ? 1 : (int) Math.ceil((double) (length - overlap) / (side - overlap));
    }

    private static double ramp(int distanceFromEdge, int width) {
        return distanceFromEdge >= width ? 1.0 : 0.5 - 0.5 * Math.cos(Math.PI * (distanceFromEdge + 0.5) / width);
    }

    public int count() {
        return starts.length;
    }

    public int start(int tile) {
        return starts[tile];
    }

    /** The normalised weight of {@code tile} at offset {@code k} inside it. */
    public float weight(int tile, int k) {
        return weights[tile][k];
    }

    /** Reflect-101 index map ({@code ... 2 1 | 0 1 2 ... n-1 | n-2 ...}), repeated for offsets far outside. */
    public static int reflect(int index, int length) {
        if (length == 1) {
            return 0;
        }
        int period = 2 * (length - 1);
        int m = Math.floorMod(index, period);
        return m < length ? m : period - m;
    }
}
