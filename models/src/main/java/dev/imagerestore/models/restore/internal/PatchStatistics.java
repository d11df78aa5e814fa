package dev.imagerestore.models.restore.internal;

import java.nio.FloatBuffer;

/**
 * Second-order statistics of the {@code channels x p x p} patches of a planar image at the positions
 * of a regular grid: each patch's gradient energy (the trace of its gradient covariance matrix,
 * {@code sum (horizontal differences)^2 + sum (vertical differences)^2} over every channel) and the
 * covariance matrix of any selection of the patches. Holds a read-only view of the samples and one
 * float per grid position; not thread-safe.
 */
public final class PatchStatistics {

    private final FloatBuffer samples;
    private final int channels;
    private final int height;
    private final int width;
    private final int patch;
    private final int[] ys;
    private final int[] xs;
    private final float[] energies;

    /** The patches whose top-left corners lie on the grid {@code (stride i, stride j)} inside the image. */
    public PatchStatistics(FloatBuffer samples, int channels, int height, int width, int patch, int stride) {
        this.samples = samples;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.patch = patch;
        int rows = (height - patch) / stride + 1;
        int columns = (width - patch) / stride + 1;
        ys = new int[rows * columns];
        xs = new int[rows * columns];
        energies = new float[rows * columns];
        for (int r = 0, k = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++, k++) {
                ys[k] = r * stride;
                xs[k] = c * stride;
                energies[k] = (float) gradientEnergy(ys[k], xs[k]);
            }
        }
    }

    public int count() {
        return ys.length;
    }

    public float energy(int index) {
        return energies[index];
    }

    /** Dimension of a patch vector: channels x p x p. */
    public int dimension() {
        return channels * patch * patch;
    }

    /**
     * {@code tr(Dh^T Dh + Dv^T Dv)} of the forward-difference operators on one patch: the gradient
     * energy of unit-variance white noise is this on average.
     */
    public double operatorTrace() {
        return 2.0 * 2 * channels * patch * (patch - 1);
    }

    private double gradientEnergy(int y, int x) {
        double sum = 0;
        for (int c = 0; c < channels; c++) {
            int base = c * height * width;
            for (int i = 0; i < patch; i++) {
                int row = base + (y + i) * width + x;
                for (int j = 0; j < patch; j++) {
                    float v = samples.get(row + j);
                    if (j + 1 < patch) {
                        double d = samples.get(row + j + 1) - v;
                        sum += d * d;
                    }
                    if (i + 1 < patch) {
                        double d = samples.get(row + width + j) - v;
                        sum += d * d;
                    }
                }
            }
        }
        return sum;
    }

    /** The covariance matrix of the patches whose energy is below {@code maxEnergy}, or null if fewer than two. */
    public double[][] covariance(double maxEnergy) {
        int d = dimension();
        double[] sum = new double[d];
        double[][] scatter = new double[d][];
        for (int i = 0; i < d; i++) {
            scatter[i] = new double[i + 1];
        }
        double[] v = new double[d];
        long count = 0;
        for (int k = 0; k < ys.length; k++) {
            if (energies[k] < maxEnergy) {
                read(ys[k], xs[k], v);
                accumulate(v, sum, scatter);
                count++;
            }
        }
        if (count < 2) {
            return null;
        }
        double[][] cov = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                cov[i][j] = (scatter[i][j] - sum[i] * sum[j] / count) / (count - 1);
                cov[j][i] = cov[i][j];
            }
        }
        return cov;
    }

    private void read(int y, int x, double[] v) {
        for (int c = 0, k = 0; c < channels; c++) {
            for (int i = 0; i < patch; i++) {
                int row = c * height * width + (y + i) * width + x;
                for (int j = 0; j < patch; j++) {
                    v[k++] = samples.get(row + j);
                }
            }
        }
    }

    private static void accumulate(double[] v, double[] sum, double[][] scatter) {
        for (int i = 0; i < v.length; i++) {
            sum[i] += v[i];
            double vi = v[i];
            double[] row = scatter[i];
            for (int j = 0; j <= i; j++) {
                row[j] += vi * v[j];
            }
        }
    }
}
