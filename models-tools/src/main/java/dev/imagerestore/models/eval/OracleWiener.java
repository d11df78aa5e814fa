package dev.imagerestore.models.eval;

import dev.imagerestore.models.image.FloatImage;

/**
 * A genie-aided estimate of an image from a noisy copy of it: a reference for how much of the image
 * a method that sees only the noisy copy can keep.
 *
 * <p>The estimate is the empirical Wiener filtering of the second stage of BM3D (Dabov, Foi,
 * Katkovnik and Egiazarian, IEEE TIP 2007) without its block matching, and with the clean image in
 * place of the pilot estimate: every coefficient {@code Y} of every 8x8 block's orthonormal DCT (all
 * overlapping blocks, averaged back per pixel) is shrunk by {@code X^2 / (X^2 + sigma^2)}, where
 * {@code X} is the same coefficient of the clean image. That is the best linear shrinkage of each
 * coefficient, chosen knowing the answer's energy, which no real method knows. It is a reference,
 * not a proof of optimality: a nonlinear method with a strong prior could in principle do better.
 * On CBSD68 at sigma 50/255 it scores 29.16 dB ({@code eval depth2img-bound --sigma 50}), against
 * 28.51 dB for DRUNet, the best figure in the data README's table. Colour images are filtered in the
 * orthonormal opponent basis (luma and two differences; the noise stays white there), a one-channel
 * image as it is. Stateless and thread-safe.
 */
public final class OracleWiener {

    /** Side of the DCT blocks. */
    public static final int BLOCK = 8;

    private static final double[][] DCT = new double[BLOCK][BLOCK];
    private static final double[][] OPPONENT = {
        {1 / Math.sqrt(3), 1 / Math.sqrt(3), 1 / Math.sqrt(3)},
        {1 / Math.sqrt(2), 0, -1 / Math.sqrt(2)},
        {1 / Math.sqrt(6), -2 / Math.sqrt(6), 1 / Math.sqrt(6)}
    };
    private static final double[][] IDENTITY = {{1}};

    static {
        for (int k = 0; k < BLOCK; k++) {
            for (int n = 0; n < BLOCK; n++) {
                DCT[k][n] = Math.sqrt((k == 0 ? 1.0 : 2.0) / BLOCK) * Math.cos(Math.PI * (n + 0.5) * k / BLOCK);
            }
        }
    }

    private OracleWiener() {}

    /**
     * Estimates {@code clean} from {@code noisy}, a copy of it with additive white Gaussian noise of
     * standard deviation {@code sigma} (on the images' [0, 1] scale), knowing {@code clean}'s
     * coefficients as described above.
     *
     * @return the estimate, clamped to [0, 1], with {@code clean}'s shape and bit depth
     * @throws IllegalArgumentException if the images differ in shape, have other than 1 or 3
     *     channels, are smaller than a block, or {@code sigma} is negative or not finite
     */
    public static FloatImage estimate(FloatImage clean, FloatImage noisy, double sigma) {
        int c = clean.channels();
        int h = clean.height();
        int w = clean.width();
        if (noisy.channels() != c || noisy.height() != h || noisy.width() != w) {
            throw new IllegalArgumentException("the noisy image is " + noisy.channels() + "x" + noisy.height() + "x"
                    + noisy.width() + " but the clean one is " + c + "x" + h + "x" + w + "; they must match");
        }
        if (c != 1 && c != 3) {
            throw new IllegalArgumentException("the oracle filters 1- or 3-channel images, got " + c + " channels");
        }
        if (h < BLOCK || w < BLOCK) {
            throw new IllegalArgumentException("the image is " + w + "x" + h + " but the oracle's DCT blocks are "
                    + BLOCK + "x" + BLOCK + "; it needs at least that");
        }
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be finite and >= 0, got " + sigma);
        }
        int plane = h * w;
        double[][] basis = c == 1 ? IDENTITY : OPPONENT;
        double[][] x = toBasis(clean.toArray(), basis, plane);
        double[][] y = toBasis(noisy.toArray(), basis, plane);
        double[][] e = new double[c][];
        for (int k = 0; k < c; k++) {
            e[k] = shrinkPlane(x[k], y[k], h, w, sigma * sigma);
        }
        float[] out = new float[c * plane];
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < plane; i++) {
                double v = 0;
                for (int k = 0; k < c; k++) {
                    v += basis[k][ch] * e[k][i];
                }
                out[ch * plane + i] = (float) Math.min(1, Math.max(0, v));
            }
        }
        return FloatImage.wrap(c, h, w, clean.bitDepth(), out);
    }

    /** The planes of {@code samples} in the orthonormal {@code basis} (one row per output plane). */
    private static double[][] toBasis(float[] samples, double[][] basis, int plane) {
        double[][] out = new double[basis.length][plane];
        for (int k = 0; k < basis.length; k++) {
            for (int i = 0; i < plane; i++) {
                double v = 0;
                for (int ch = 0; ch < basis[k].length; ch++) {
                    v += basis[k][ch] * samples[ch * plane + i];
                }
                out[k][i] = v;
            }
        }
        return out;
    }

    private static double[] shrinkPlane(double[] x, double[] y, int h, int w, double variance) {
        double[] sum = new double[h * w];
        int[] count = new int[h * w];
        double[] bx = new double[BLOCK * BLOCK];
        double[] by = new double[BLOCK * BLOCK];
        double[] tmp = new double[BLOCK * BLOCK];
        for (int top = 0; top + BLOCK <= h; top++) {
            for (int left = 0; left + BLOCK <= w; left++) {
                for (int r = 0; r < BLOCK; r++) {
                    System.arraycopy(x, (top + r) * w + left, bx, r * BLOCK, BLOCK);
                    System.arraycopy(y, (top + r) * w + left, by, r * BLOCK, BLOCK);
                }
                transform(bx, tmp, false);
                transform(by, tmp, false);
                for (int k = 0; k < bx.length; k++) {
                    double energy = bx[k] * bx[k];
                    by[k] *= energy + variance == 0 ? 1 : energy / (energy + variance);
                }
                transform(by, tmp, true);
                for (int r = 0; r < BLOCK; r++) {
                    for (int col = 0; col < BLOCK; col++) {
                        int p = (top + r) * w + left + col;
                        sum[p] += by[r * BLOCK + col];
                        count[p]++;
                    }
                }
            }
        }
        for (int p = 0; p < sum.length; p++) {
            sum[p] /= count[p];
        }
        return sum;
    }

    /** The separable orthonormal 2-D DCT-II of an 8x8 block, or its inverse, in place. */
    private static void transform(double[] block, double[] tmp, boolean inverse) {
        for (int r = 0; r < BLOCK; r++) {
            for (int k = 0; k < BLOCK; k++) {
                double s = 0;
                for (int n = 0; n < BLOCK; n++) {
                    s += (inverse ? DCT[n][k] : DCT[k][n]) * block[r * BLOCK + n];
                }
                tmp[r * BLOCK + k] = s;
            }
        }
        for (int col = 0; col < BLOCK; col++) {
            for (int k = 0; k < BLOCK; k++) {
                double s = 0;
                for (int n = 0; n < BLOCK; n++) {
                    s += (inverse ? DCT[n][k] : DCT[k][n]) * tmp[n * BLOCK + col];
                }
                block[k * BLOCK + col] = s;
            }
        }
    }
}
