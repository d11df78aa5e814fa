package dev.imagerestore.models.eval;

import dev.imagerestore.models.inpaint.Mask;

/**
 * Pixel counts of a damage detector against the true damage mask, summed over images: flagged
 * damage (true positives), flagged clean pixels (false positives) and missed damage (false
 * negatives), and how many stain pixels (tone changed, content kept: negatives) were flagged.
 * Precision, recall and F1 are those of the pooled counts (micro averages), so large damage weighs
 * by its pixels. Immutable.
 */
public record DetectionCounts(
        long truePositives, long falsePositives, long falseNegatives, long stainPixels, long stainFlagged) {

    public DetectionCounts {
        if (truePositives < 0
                || falsePositives < 0
                || falseNegatives < 0
                || stainPixels < 0
                || stainFlagged < 0
                || stainFlagged > stainPixels) {
            throw new IllegalArgumentException("invalid counts: tp=" + truePositives + ", fp=" + falsePositives
                    + ", fn=" + falseNegatives + ", stains " + stainFlagged + " of " + stainPixels);
        }
    }

    /** No image yet. */
    public static DetectionCounts none() {
        return new DetectionCounts(0, 0, 0, 0, 0);
    }

    /** The counts of one image: {@code flagged} against {@code damage}, stain pixels outside the damage apart. */
    public static DetectionCounts of(Mask damage, Mask stains, Mask flagged) {
        flagged.checkSameSize(damage);
        flagged.checkSameSize(stains);
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long stain = 0;
        long stainFlagged = 0;
        for (int y = 0; y < damage.height(); y++) {
            for (int x = 0; x < damage.width(); x++) {
                boolean truth = damage.get(y, x);
                boolean said = flagged.get(y, x);
                tp += truth && said ? 1 : 0;
                fp += !truth && said ? 1 : 0;
                fn += truth && !said ? 1 : 0;
                if (!truth && stains.get(y, x)) {
                    stain++;
                    stainFlagged += said ? 1 : 0;
                }
            }
        }
        return new DetectionCounts(tp, fp, fn, stain, stainFlagged);
    }

    public DetectionCounts plus(DetectionCounts other) {
        return new DetectionCounts(
                truePositives + other.truePositives,
                falsePositives + other.falsePositives,
                falseNegatives + other.falseNegatives,
                stainPixels + other.stainPixels,
                stainFlagged + other.stainFlagged);
    }

    /** Flagged pixels that are damage; 0 when nothing was flagged. */
    public double precision() {
        long flagged = truePositives + falsePositives;
        return flagged == 0 ? 0 : (double) truePositives / flagged;
    }

    /** Damaged pixels that were flagged; 0 when there was no damage. */
    public double recall() {
        long damaged = truePositives + falseNegatives;
        return damaged == 0 ? 0 : (double) truePositives / damaged;
    }

    /** The harmonic mean of precision and recall; 0 when both are 0. */
    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Stain pixels flagged as damage; 0 when there were none. */
    public double stainFlaggedFraction() {
        return stainPixels == 0 ? 0 : (double) stainFlagged / stainPixels;
    }
}
