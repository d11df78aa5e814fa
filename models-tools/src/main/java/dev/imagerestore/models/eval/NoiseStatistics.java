package dev.imagerestore.models.eval;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.PlaneOps;
import java.util.Arrays;

/**
 * What the noise of degraded images looks like against their clean references: the statistics a
 * degradation model must reproduce to be faithful to real noise. The noise of an image is its
 * difference from the reference in 8-bit levels, unrounded, less its mean per channel (a shift of
 * exposure is not noise). Pooled over every image added:
 *
 * <ul>
 *   <li>the standard deviation per channel and of the luma (the mean of the channels, as grey input is
 *       fed);
 *   <li>the spatial correlation at lags 1 to {@value #MAX_LAG}, horizontal and vertical neighbours
 *       together: white noise has none, film grain and demosaiced camera noise some over 1-2
 *       pixels, a camera's noise reduction and JPEG leave longer tails;
 *   <li>the correlation between channels (R-G, G-B, R-B): 0 for noise drawn per channel, 1 for
 *       noise equal in all channels;
 *   <li>the luma noise's standard deviation in {@value #TONE_BINS} bins of the reference's luma
 *       (0-31, 32-63, ... levels): shot noise grows with the signal, a camera's tone curve and film
 *       grain reshape that;
 *   <li>the luma noise's standard deviation by the reference's local contrast (the largest luma step
 *       to a horizontal or vertical neighbour, in {@link #CONTRAST_EDGES} bins of 8-bit levels): noise
 *       drawn independently of the picture has one level in flat areas and on edges, a camera's
 *       edge-aware noise reduction and JPEG's quantisation leave it where the picture has detail;
 *   <li>how much of the luma difference is not noise but the picture itself moved or sharpened: per
 *       image, the least-squares fit of the difference on the reference's horizontal and vertical
 *       gradients and its Laplacian (a sub-pixel shift of {@code (dx, dy)} pixels adds {@code dx gx +
 *       dy gy}, a change of sharpness a multiple of the Laplacian). Real pairs whose reference is
 *       the mean of many frames carry such a part; no denoiser can remove it, and it counts in their
 *       PSNR as noise does.
 * </ul>
 *
 * Not thread-safe; {@link #summary()} may be taken at any time.
 */
public final class NoiseStatistics {

    /** The largest lag whose correlation is measured. */
    public static final int MAX_LAG = 4;
    /** Bins of the reference's luma, of equal width in 8-bit levels. */
    public static final int TONE_BINS = 8;

    /** Lower edges of the local-contrast bins, 8-bit levels; the last bin is open above. */
    public static final double[] CONTRAST_EDGES = {0, 1, 2, 4, 8, 16, 32};

    private static final int LUMA = 3;

    /** Per channel (R, G, B) and the luma at {@link #LUMA}: sums of squares and of lagged products. */
    private final double[] squares = new double[4];

    private final double[][] lagged = new double[4][MAX_LAG + 1];
    private final long[] lagPairs = new long[MAX_LAG + 1];
    private final double[] cross = new double[3];
    private final double[] toneSquares = new double[TONE_BINS];
    private final long[] toneCounts = new long[TONE_BINS];
    private final double[] contrastSquares = new double[CONTRAST_EDGES.length];
    private final long[] contrastCounts = new long[CONTRAST_EDGES.length];
    private double fitExplained;
    private double fitTotal;
    private final java.util.List<Double> shifts = new java.util.ArrayList<>();
    private long samples;
    private int images;
    private int channels;

    /**
     * Adds the noise of {@code degraded} against {@code clean}.
     *
     * @throws IllegalArgumentException if their sizes or channel counts differ, the channels are
     *     not 1 or 3, or they differ from those of the images added before
     */
    public void add(FloatImage degraded, FloatImage clean) {
        Psnr.checkSameShape(clean, degraded);
        int c = clean.channels();
        if (c != 1 && c != 3) {
            throw new IllegalArgumentException("noise statistics take 1- or 3-channel images, got " + c);
        }
        if (channels != 0 && c != channels) {
            throw new IllegalArgumentException("an image of " + c + " channels after images of " + channels
                    + "; measure grey and colour images apart");
        }
        channels = c;
        int h = clean.height();
        int w = clean.width();
        int plane = h * w;
        float[] x = degraded.toArray();
        float[] y = clean.toArray();
        // planes 0..c-1: the noise per channel, less its mean; plane 3: the luma noise
        double[][] noise = new double[4][plane];
        double[] luma = new double[plane];
        for (int k = 0; k < c; k++) {
            double mean = 0;
            for (int i = 0; i < plane; i++) {
                mean += x[k * plane + i] - y[k * plane + i];
            }
            mean /= plane;
            for (int i = 0; i < plane; i++) {
                double n = 255 * (x[k * plane + i] - y[k * plane + i] - mean);
                noise[k][i] = n;
                noise[LUMA][i] += n / c;
                luma[i] += 255.0 * y[k * plane + i] / c;
            }
        }
        float[] lumaLevels = new float[plane];
        for (int i = 0; i < plane; i++) {
            lumaLevels[i] = (float) luma[i];
        }
        float[] steps = PlaneOps.largestNeighbourStep(lumaLevels, h, w);
        for (int i = 0; i < plane; i++) {
            int bin = (int) Math.min(TONE_BINS - 1, Math.max(0, luma[i] * TONE_BINS / 256));
            toneSquares[bin] += noise[LUMA][i] * noise[LUMA][i];
            toneCounts[bin]++;
            int contrast = contrastBin(steps[i]);
            contrastSquares[contrast] += noise[LUMA][i] * noise[LUMA][i];
            contrastCounts[contrast]++;
        }
        for (int k = 0; k < 4; k++) {
            if (k >= c && k != LUMA) {
                continue;
            }
            double[] n = noise[k];
            for (int i = 0; i < plane; i++) {
                squares[k] += n[i] * n[i];
            }
            for (int d = 1; d <= MAX_LAG; d++) {
                double sum = 0;
                for (int row = 0; row < h; row++) {
                    for (int col = 0; col + d < w; col++) {
                        sum += n[row * w + col] * n[row * w + col + d];
                    }
                }
                for (int row = 0; row + d < h; row++) {
                    for (int col = 0; col < w; col++) {
                        sum += n[row * w + col] * n[(row + d) * w + col];
                    }
                }
                lagged[k][d] += sum;
            }
        }
        for (int d = 1; d <= MAX_LAG; d++) {
            lagPairs[d] += (long) h * Math.max(0, w - d) + (long) Math.max(0, h - d) * w;
        }
        if (c == 3) {
            for (int i = 0; i < plane; i++) {
                cross[0] += noise[0][i] * noise[1][i];
                cross[1] += noise[1][i] * noise[2][i];
                cross[2] += noise[0][i] * noise[2][i];
            }
        }
        fitMotion(noise[LUMA], luma, h, w);
        samples += plane;
        images++;
    }

    /**
     * Fits {@code noise = dx gx + dy gy + s lap + b} over the interior pixels, {@code gx}, {@code gy}
     * the reference luma's central differences and {@code lap} its 4-neighbour Laplacian; adds the
     * energy the fit explains and the shift's length.
     */
    private void fitMotion(double[] noise, double[] luma, int h, int w) {
        if (h < 3 || w < 3) {
            return;
        }
        double[][] normal = new double[4][4];
        double[] right = new double[4];
        double total = 0;
        double[] f = new double[4];
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                features(luma, w, y * w + x, f);
                for (int a = 0; a < 4; a++) {
                    for (int b = 0; b < 4; b++) {
                        normal[a][b] += f[a] * f[b];
                    }
                    right[a] += f[a] * noise[y * w + x];
                }
                total += noise[y * w + x] * noise[y * w + x];
            }
        }
        double[] beta = solve(normal, right);
        if (beta == null) {
            fitTotal += total;
            return;
        }
        double residual = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                features(luma, w, y * w + x, f);
                double r = noise[y * w + x] - (beta[0] * f[0] + beta[1] * f[1] + beta[2] * f[2] + beta[3]);
                residual += r * r;
            }
        }
        fitExplained += Math.max(0, total - residual);
        fitTotal += total;
        shifts.add(Math.hypot(beta[0], beta[1]));
    }

    private static void features(double[] luma, int w, int i, double[] f) {
        f[0] = (luma[i + 1] - luma[i - 1]) / 2;
        f[1] = (luma[i + w] - luma[i - w]) / 2;
        f[2] = luma[i - 1] + luma[i + 1] + luma[i - w] + luma[i + w] - 4 * luma[i];
        f[3] = 1;
    }

    /** Gaussian elimination with partial pivoting; null when the system is singular. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int i = 0; i < n; i++) {
            int pivot = i;
            for (int r = i + 1; r < n; r++) {
                if (Math.abs(m[r][i]) > Math.abs(m[pivot][i])) {
                    pivot = r;
                }
            }
            double[] t = m[i];
            m[i] = m[pivot];
            m[pivot] = t;
            if (Math.abs(m[i][i]) < 1e-9) {
                return null;
            }
            for (int r = 0; r < n; r++) {
                if (r != i) {
                    double factor = m[r][i] / m[i][i];
                    for (int k = i; k <= n; k++) {
                        m[r][k] -= factor * m[i][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = m[i][n] / m[i][i];
        }
        return x;
    }

    private static int contrastBin(double step) {
        int bin = 0;
        while (bin + 1 < CONTRAST_EDGES.length && step >= CONTRAST_EDGES[bin + 1]) {
            bin++;
        }
        return bin;
    }

    private static double median(java.util.List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The statistics of the images added so far. */
    public Summary summary() {
        double[] std = new double[channels];
        double[][] correlation = new double[channels + 1][MAX_LAG];
        for (int k = 0; k <= channels; k++) {
            int plane = k == channels ? LUMA : k;
            if (k < channels) {
                std[k] = Math.sqrt(squares[plane] / samples);
            }
            for (int d = 1; d <= MAX_LAG; d++) {
                correlation[k][d - 1] = (lagged[plane][d] / lagPairs[d]) / (squares[plane] / samples);
            }
        }
        double[] between = new double[channels == 3 ? 3 : 0];
        if (channels == 3) {
            between[0] = cross[0] / Math.sqrt(squares[0] * squares[1]);
            between[1] = cross[1] / Math.sqrt(squares[1] * squares[2]);
            between[2] = cross[2] / Math.sqrt(squares[0] * squares[2]);
        }
        double[] toneStd = new double[TONE_BINS];
        double[] toneShare = new double[TONE_BINS];
        for (int b = 0; b < TONE_BINS; b++) {
            toneStd[b] = toneCounts[b] == 0 ? Double.NaN : Math.sqrt(toneSquares[b] / toneCounts[b]);
            toneShare[b] = samples == 0 ? 0 : (double) toneCounts[b] / samples;
        }
        double[] contrastStd = new double[CONTRAST_EDGES.length];
        double[] contrastShare = new double[CONTRAST_EDGES.length];
        for (int b = 0; b < CONTRAST_EDGES.length; b++) {
            contrastStd[b] = contrastCounts[b] == 0 ? Double.NaN : Math.sqrt(contrastSquares[b] / contrastCounts[b]);
            contrastShare[b] = samples == 0 ? 0 : (double) contrastCounts[b] / samples;
        }
        return new Summary(
                images,
                channels,
                std,
                Math.sqrt(squares[LUMA] / samples),
                correlation,
                between,
                toneStd,
                toneShare,
                contrastStd,
                contrastShare,
                fitTotal == 0 ? 0 : fitExplained / fitTotal,
                median(shifts));
    }

    /**
     * Pooled noise statistics.
     *
     * @param std standard deviation per channel, 8-bit levels
     * @param lumaStd standard deviation of the luma noise
     * @param correlation per channel, then the luma last: correlation at lags 1 to {@link #MAX_LAG}
     * @param betweenChannels R-G, G-B and R-B correlation (empty for grey images)
     * @param toneStd luma noise standard deviation per bin of the reference's luma (NaN for an empty bin)
     * @param toneShare share of the pixels in each bin
     * @param contrastStd luma noise standard deviation per bin of local contrast ({@link #CONTRAST_EDGES})
     * @param contrastShare share of the pixels in each of those bins
     * @param motionShare share of the luma difference's energy explained by a shift and a change of
     *     sharpness of the reference, pooled over the images
     * @param medianShift median over the images of the fitted shift's length, pixels
     */
    public record Summary(
            int images,
            int channels,
            double[] std,
            double lumaStd,
            double[][] correlation,
            double[] betweenChannels,
            double[] toneStd,
            double[] toneShare,
            double[] contrastStd,
            double[] contrastShare,
            double motionShare,
            double medianShift) {

        public Summary {
            std = std.clone();
            correlation = Arrays.stream(correlation).map(double[]::clone).toArray(double[][]::new);
            betweenChannels = betweenChannels.clone();
            toneStd = toneStd.clone();
            toneShare = toneShare.clone();
            contrastStd = contrastStd.clone();
            contrastShare = contrastShare.clone();
        }

        /** The luma noise's correlation at lags 1 to {@link #MAX_LAG}. */
        public double[] lumaCorrelation() {
            return correlation[correlation.length - 1].clone();
        }
    }
}
