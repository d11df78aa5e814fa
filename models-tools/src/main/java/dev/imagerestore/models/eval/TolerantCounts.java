package dev.imagerestore.models.eval;

import dev.imagerestore.models.inpaint.Mask;

/**
 * Pixel counts of a damage detector that forgive a misplacement of up to {@code tolerance} pixels,
 * as thin-structure benchmarks score edges and cracks (the BSDS boundary benchmark, Martin et al.
 * 2004; crack detection on CrackForest, Shi et al. 2016): a flagged pixel counts as right when true
 * damage lies within that Chebyshev distance, and a damaged pixel counts as found when a flagged pixel
 * does. A hairline drawn one pixel off its mask scores zero under the strict counts of
 * {@link DetectionCounts} and fully here. At a tolerance of 0 the counts are the strict ones (a
 * flagged stain pixel is a false alarm in both). Summed over images (micro averages). Immutable.
 *
 * @param found damaged pixels with a flagged pixel within the tolerance
 * @param missed damaged pixels without one
 * @param near flagged pixels with damage within the tolerance
 * @param far flagged pixels without
 */
public record TolerantCounts(long found, long missed, long near, long far) {

    public TolerantCounts {
        if (found < 0 || missed < 0 || near < 0 || far < 0) {
            throw new IllegalArgumentException(
                    "invalid counts: found " + found + ", missed " + missed + ", near " + near + ", far " + far);
        }
    }

    public static TolerantCounts none() {
        return new TolerantCounts(0, 0, 0, 0);
    }

    /**
     * The counts of one image.
     *
     * @throws IllegalArgumentException if the masks differ in size or the tolerance is negative
     */
    public static TolerantCounts of(Mask damage, Mask flagged, int tolerance) {
        if (tolerance < 0) {
            throw new IllegalArgumentException("the tolerance must be >= 0 pixels, got " + tolerance);
        }
        flagged.checkSameSize(damage);
        Mask nearDamage = damage.dilated(tolerance);
        Mask nearFlagged = flagged.dilated(tolerance);
        long found = 0;
        long missed = 0;
        long near = 0;
        long far = 0;
        for (int y = 0; y < damage.height(); y++) {
            for (int x = 0; x < damage.width(); x++) {
                if (damage.get(y, x)) {
                    found += nearFlagged.get(y, x) ? 1 : 0;
                    missed += nearFlagged.get(y, x) ? 0 : 1;
                }
                if (flagged.get(y, x)) {
                    near += nearDamage.get(y, x) ? 1 : 0;
                    far += nearDamage.get(y, x) ? 0 : 1;
                }
            }
        }
        return new TolerantCounts(found, missed, near, far);
    }

    public TolerantCounts plus(TolerantCounts other) {
        return new TolerantCounts(found + other.found, missed + other.missed, near + other.near, far + other.far);
    }

    public double precision() {
        return near + far == 0 ? 0 : (double) near / (near + far);
    }

    public double recall() {
        return found + missed == 0 ? 0 : (double) found / (found + missed);
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
