package dev.imagerestore.job.review;

import java.util.OptionalDouble;

/**
 * The "look at this" score of one restored image: how much a person should want to check it.
 * Three terms, each about 1 where an image starts to deserve a look, summed:
 *
 * <pre>
 *   score  = change + damage + doubt
 *   change = sqrt(max(0, rms² − n²)) / {@value #CHANGE_UNIT},  n = {@value #EXPECTED_NOISE}
 *   damage = maskedFraction / {@value #DAMAGE_UNIT}
 *   doubt  = {@value #DOUBT_WEIGHT} × (1 − confidence)
 * </pre>
 *
 * <ul>
 *   <li>{@code rms} is the root-mean-square difference between the restored output and its input,
 *       in 8-bit levels (0-255), over every sample. {@code n} is the noise a clean 8-bit scan is
 *       expected to carry (sensor and quantisation noise), which any restoration may remove without
 *       anyone needing to look. Independent changes add in quadrature, so {@code sqrt(rms² − n²)} is
 *       the change beyond that: strong grain removed (and detail with it), texture smoothed away,
 *       structure repainted, damage filled in. One point per {@value #CHANGE_UNIT} levels. The
 *       image's own noise estimate is deliberately not subtracted: an image that needed strong
 *       denoising is one a person should check (detail goes with grain), and subtracting the
 *       estimate would zero the score of exactly the noisy images the estimator sees best.</li>
 *   <li>{@code maskedFraction} is the share of pixels an inpainting task repaired (given or detected
 *       damage): one point per {@value #DAMAGE_UNIT} (1 %) of the image.</li>
 *   <li>{@code confidence}, in [0, 1], is a detector's confidence in its mask where the report gives
 *       one; a detector that is unsure adds up to {@value #DOUBT_WEIGHT} points.</li>
 * </ul>
 *
 * Absent inputs contribute nothing; the noise level is shown on the page beside the score, not in
 * it. The score ranks images of one run; its units are chosen so the terms are comparable, not
 * calibrated against human judgement. Immutable.
 *
 * @param change the change term
 * @param damage the damage term
 * @param doubt the low-confidence term
 */
public record ReviewScore(double change, double damage, double doubt) {

    /** The noise of a clean 8-bit scan, in levels (0-255), that a restoration may remove unremarked. */
    public static final double EXPECTED_NOISE = 2.0;
    /** Levels (0-255) of change beyond the expected noise worth one point. */
    public static final double CHANGE_UNIT = 2.0;
    /** Masked fraction worth one point. */
    public static final double DAMAGE_UNIT = 0.01;
    /** Points for a detector with no confidence at all. */
    public static final double DOUBT_WEIGHT = 2.0;

    public ReviewScore {
        check("change", change);
        check("damage", damage);
        check("doubt", doubt);
    }

    /**
     * The score of an image from its report fields and the measured change.
     *
     * @param rmsChange root-mean-square change from input to output in 8-bit levels, >= 0
     * @param maskedFraction fraction of pixels repaired, in [0, 1], if the task inpainted
     * @param confidence the damage detector's confidence, in [0, 1], if reported
     */
    public static ReviewScore of(double rmsChange, OptionalDouble maskedFraction, OptionalDouble confidence) {
        check("rmsChange", rmsChange);
        double masked = maskedFraction.orElse(0);
        if (!(masked <= 1)) {
            throw new IllegalArgumentException("maskedFraction must be in [0, 1], got " + masked);
        }
        check("maskedFraction", masked);
        double sure = confidence.orElse(1);
        if (!(sure >= 0 && sure <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], got " + sure);
        }
        double beyond = Math.sqrt(Math.max(0, rmsChange * rmsChange - EXPECTED_NOISE * EXPECTED_NOISE));
        return new ReviewScore(beyond / CHANGE_UNIT, masked / DAMAGE_UNIT, DOUBT_WEIGHT * (1 - sure));
    }

    /** The sum of the terms; higher means look first. */
    public double total() {
        return change + damage + doubt;
    }

    private static void check(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value);
        }
    }
}
