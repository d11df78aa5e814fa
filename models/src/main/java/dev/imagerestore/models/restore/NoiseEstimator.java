package dev.imagerestore.models.restore;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.restore.internal.PatchStatistics;
import dev.imagerestore.models.restore.internal.SymmetricEigen;
import java.util.Arrays;

/**
 * Estimates the standard deviation of additive white Gaussian noise in an image, for blind denoising,
 * from the eigenvalues of the covariance of its patches.
 *
 * <p>Natural-image patches lie close to a low-dimensional subspace, so most eigenvalues of the
 * covariance of noisy patches belong to the noise alone and equal {@code sigma^2} up to sampling
 * spread. Following Chen, Zhu and Heng ("An Efficient Statistical Method for Image Noise Level
 * Estimation", ICCV 2015), the ascending eigenvalues are taken and the largest dropped until the
 * mean of those left equals their median (as many above the mean as below); that mean is
 * {@code sigma^2}. A colour image gives {@code 3 x p x p} patch vectors, in which even textured
 * content spans few dimensions, and that rule alone is accurate. The {@code p x p} patches of a
 * textured grayscale image leave too few noise-only dimensions, so for one channel the estimate is
 * refined by the weak-texture selection of Liu, Tanaka and Okutomi ("Single-Image Noise Level
 * Estimation for Blind Denoising", IEEE TIP 2013): only patches whose gradient energy is below the
 * 99% quantile expected of pure noise at the current estimate are kept, and the estimate is redone on
 * them until it settles. Immerkaer's Laplacian-mask estimator (CVIU 1996) is faster but reads texture
 * as noise and over-estimates on detailed photographs. Patches lie on a regular grid whose stride
 * keeps at most {@code maxPatches} of them; the noise is assumed equal in every channel.
 *
 * <p>Noise that is not independent across the colour channels breaks the colour rule: a JPEG stores
 * chroma at half resolution and quantises it hard, so the grain of a noisy photograph saved as JPEG
 * is left almost only in luma, and most noise dimensions of a colour patch vector are empty (a JPEG of
 * sigma 20 grain at quality 0.95 reads as sigma 0.7, and would not be denoised). So each channel is
 * also estimated on its own, as a grayscale image; when the colour estimate is below half of the
 * median channel estimate, the noise is correlated across channels and the median channel estimate
 * is the level returned. On such JPEGs it is about two thirds of the grain's sigma (the luma share),
 * and denoising at it recovers most of what the best level would; docs/models.md gives the figures.
 *
 * <p>Immutable and thread-safe.
 */
public final class NoiseEstimator {

    private static final int MAX_ITERATIONS = 8;
    /** The standard normal's 99% quantile. */
    private static final double Z_99 = 2.3263478740408408;
    /** Below this fraction of the median channel estimate, the colour estimate is taken as correlated noise. */
    private static final double CORRELATED_RATIO = 0.5;

    private final int patchSize;
    private final int maxPatches;

    private NoiseEstimator(int patchSize, int maxPatches) {
        if (patchSize < 2 || patchSize > 16 || maxPatches < 4 * patchSize * patchSize) {
            throw new IllegalArgumentException("need patch size in [2, 16] and maxPatches >= 4 x patch size^2, got "
                    + patchSize + " and " + maxPatches);
        }
        this.patchSize = patchSize;
        this.maxPatches = maxPatches;
    }

    /** 8x8 patches, at most 60,000 of them. */
    public static NoiseEstimator create() {
        return new NoiseEstimator(8, 60_000);
    }

    /** Patches of {@code patchSize x patchSize} (2..16), at most {@code maxPatches} of them. */
    public static NoiseEstimator of(int patchSize, int maxPatches) {
        return new NoiseEstimator(patchSize, maxPatches);
    }

    /**
     * The noise standard deviation on the 0-255 scale.
     *
     * @throws IllegalArgumentException if the image is smaller than one patch
     */
    public double estimate(FloatImage image) {
        double joint = estimateJointly(image);
        if (image.channels() == 1) {
            return joint;
        }
        double[] perChannel = new double[image.channels()];
        for (int c = 0; c < perChannel.length; c++) {
            perChannel[c] = estimateJointly(channel(image, c));
            if (c == 1
                    && perChannel.length == 3
                    && !(joint < CORRELATED_RATIO * Math.max(perChannel[0], perChannel[1]))) {
                return joint; // the median of three is at most the larger of two of them: the third cannot change this
            }
        }
        Arrays.sort(perChannel);
        double median = perChannel.length % 2 == 1
                ? perChannel[perChannel.length / 2]
                : (perChannel[perChannel.length / 2 - 1] + perChannel[perChannel.length / 2]) / 2;
        return joint < CORRELATED_RATIO * median ? median : joint;
    }

    /** The estimate over patch vectors that span all channels of {@code image}. */
    private double estimateJointly(FloatImage image) {
        int p = patchSize;
        if (image.height() < p || image.width() < p) {
            throw new IllegalArgumentException("image " + image.height() + "x" + image.width() + " is smaller than the "
                    + p + "x" + p + " patches of the noise estimator; give the noise level explicitly");
        }
        double positions = (double) (image.height() - p + 1) * (image.width() - p + 1);
        int stride = (int) Math.max(1, Math.ceil(Math.sqrt(positions / maxPatches)));
        PatchStatistics patches =
                new PatchStatistics(image.samples(), image.channels(), image.height(), image.width(), p, stride);
        double variance = noiseVariance(SymmetricEigen.eigenvalues(patches.covariance(Double.POSITIVE_INFINITY)));
        double quantile = gammaQuantileFactor(patches.dimension());
        int iterations = image.channels() == 1 ? MAX_ITERATIONS : 0;
        for (int iteration = 0; iteration < iterations && variance > 0; iteration++) {
            double[][] covariance = patches.covariance(variance * patches.operatorTrace() * quantile);
            if (covariance == null) {
                break;
            }
            double next = noiseVariance(SymmetricEigen.eigenvalues(covariance));
            boolean converged = Math.abs(next - variance) <= 1e-4 * variance;
            variance = next;
            if (converged) {
                break;
            }
        }
        return 255.0 * Math.sqrt(Math.max(0, variance));
    }

    private static FloatImage channel(FloatImage image, int c) {
        int plane = image.height() * image.width();
        float[] samples = new float[plane];
        image.samples().get(c * plane, samples);
        return FloatImage.wrap(1, image.height(), image.width(), image.bitDepth(), samples);
    }

    /**
     * The 99% quantile of the gradient energy of a noise-only patch, over its mean: the energy is taken
     * as Gamma(N/2, 2 sigma^2 tr / N) distributed (Liu et al. 2013), i.e. a scaled chi-square with N
     * degrees of freedom, whose quantile the Wilson-Hilferty cube-root approximation gives.
     */
    static double gammaQuantileFactor(int n) {
        double a = 2.0 / (9.0 * n);
        return Math.pow(1 - a + Z_99 * Math.sqrt(a), 3);
    }

    /** The mean of the smallest eigenvalues at which mean and median agree (Chen et al., Algorithm 1). */
    static double noiseVariance(double[] ascending) {
        for (int count = ascending.length; count > 1; count--) {
            double mean = 0;
            for (int i = 0; i < count; i++) {
                mean += ascending[i];
            }
            mean /= count;
            int above = 0;
            int below = 0;
            for (int i = 0; i < count; i++) {
                above += ascending[i] > mean ? 1 : 0;
                below += ascending[i] < mean ? 1 : 0;
            }
            if (above == below) {
                return mean;
            }
        }
        return ascending[0];
    }

    @Override
    public String toString() {
        return "NoiseEstimator[Chen et al. 2015, " + patchSize + "x" + patchSize + " patches, at most " + maxPatches
                + "]";
    }
}
