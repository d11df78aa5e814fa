package dev.imagerestore.models.restore.internal;

import java.util.Arrays;

/**
 * Eigenvalues of a small symmetric matrix by the cyclic Jacobi method (Golub and Van Loan,
 * "Matrix Computations", section 8.5): plane rotations zero the off-diagonal entries one by one until
 * their norm is negligible against the matrix's. Quadratically convergent; O(n^3) per sweep, meant for
 * the n <= a few hundred covariance matrices of patch statistics.
 */
public final class SymmetricEigen {

    private static final int MAX_SWEEPS = 100;

    private SymmetricEigen() {}

    /** The eigenvalues of the symmetric matrix {@code a}, ascending. {@code a} is not modified. */
    public static double[] eigenvalues(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        double total = 0;
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException(
                        "matrix is not square: row " + i + " has " + a[i].length + " entries, expected " + n);
            }
            m[i] = a[i].clone();
            for (double v : m[i]) {
                total += v * v;
            }
        }
        for (int sweep = 0; sweep < MAX_SWEEPS && offDiagonal(m) > 1e-30 * total; sweep++) {
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (m[p][q] != 0) {
                        rotate(m, p, q);
                    }
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = m[i][i];
        }
        Arrays.sort(values);
        return values;
    }

    private static double offDiagonal(double[][] m) {
        double sum = 0;
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                if (i != j) {
                    sum += m[i][j] * m[i][j];
                }
            }
        }
        return sum;
    }

    /** Applies the rotation that zeroes m[p][q]: m = J^T m J. Modifies {@code m}. */
    private static void rotate(double[][] m, int p, int q) {
        double theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < m.length; k++) {
            double kp = m[k][p];
            double kq = m[k][q];
            m[k][p] = c * kp - s * kq;
            m[k][q] = s * kp + c * kq;
        }
        for (int k = 0; k < m.length; k++) {
            double pk = m[p][k];
            double qk = m[q][k];
            m[p][k] = c * pk - s * qk;
            m[q][k] = s * pk + c * qk;
        }
    }
}
