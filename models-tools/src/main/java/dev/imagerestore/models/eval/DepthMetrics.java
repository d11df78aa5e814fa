package dev.imagerestore.models.eval;

import java.util.Arrays;
import java.util.List;

/**
 * The standard monocular-depth error measures of Eigen, Puhrsch and Fergus (NeurIPS 2014) for one
 * image, over the pixels whose ground truth lies in {@code (minDepth, maxDepth]}: absolute relative
 * error {@code mean |p - g| / g}, root-mean-square error {@code sqrt(mean (p - g)^2)} (in the
 * ground truth's unit, metres for NYUv2), and the share of pixels with {@code max(p/g, g/p) < 1.25}.
 * {@link #mean} averages images with equal weight. Immutable.
 *
 * @param absRel mean absolute relative error
 * @param rmse root-mean-square error
 * @param delta1 share of pixels within a factor 1.25
 * @param scale the factor the prediction was multiplied by before scoring (1 without alignment)
 */
public record DepthMetrics(double absRel, double rmse, double delta1, double scale) {

    /** How a prediction is aligned to the ground truth before scoring. */
    public enum Alignment {
        /** Scored as predicted (metric depth). */
        NONE,
        /** Multiplied per image by median(g) / median(p) over the valid pixels (Zhou et al., CVPR 2017). */
        MEDIAN
    }

    /** Scores {@code predicted} against {@code truth} (same length, row-major planes). */
    public static DepthMetrics of(
            float[] predicted, float[] truth, double minDepth, double maxDepth, Alignment alignment) {
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException(
                    "prediction has " + predicted.length + " values, ground truth " + truth.length);
        }
        int n = 0;
        float[] p = new float[truth.length];
        float[] g = new float[truth.length];
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] > minDepth && truth[i] <= maxDepth) {
                p[n] = Math.max(1e-3f, predicted[i]);
                g[n] = truth[i];
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no ground-truth pixel lies in (" + minDepth + ", " + maxDepth + "]");
        }
        double scale = alignment == Alignment.MEDIAN ? median(g, n) / median(p, n) : 1.0;
        double absRel = 0;
        double squares = 0;
        int within = 0;
        for (int i = 0; i < n; i++) {
            double pi = p[i] * scale;
            absRel += Math.abs(pi - g[i]) / g[i];
            squares += (pi - g[i]) * (pi - g[i]);
            if (Math.max(pi / g[i], g[i] / pi) < 1.25) {
                within++;
            }
        }
        return new DepthMetrics(absRel / n, Math.sqrt(squares / n), (double) within / n, scale);
    }

    /** The equal-weight mean over images (the scale column is the mean scale). */
    public static DepthMetrics mean(List<DepthMetrics> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no image scored");
        }
        return new DepthMetrics(
                images.stream().mapToDouble(DepthMetrics::absRel).average().orElseThrow(),
                images.stream().mapToDouble(DepthMetrics::rmse).average().orElseThrow(),
                images.stream().mapToDouble(DepthMetrics::delta1).average().orElseThrow(),
                images.stream().mapToDouble(DepthMetrics::scale).average().orElseThrow());
    }

    private static double median(float[] values, int n) {
        float[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
