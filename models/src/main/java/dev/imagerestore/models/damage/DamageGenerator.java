package dev.imagerestore.models.damage;

import dev.imagerestore.models.damage.internal.Canvas;
import dev.imagerestore.models.damage.internal.Composer;
import dev.imagerestore.models.damage.internal.Hash;
import dev.imagerestore.models.damage.internal.Stage;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.inpaint.Mask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Renders realistic damage of old prints onto clean images, with its exact mask: training pairs for
 * a per-pixel damage detector and a mask-conditioned inpainter, and the material of a damage benchmark.
 *
 * <p><b>Coverage by construction.</b> Each render draws a target coverage uniformly in
 * {@code [min, max]} and draws elements (kinds by weight among {@link Builder#optKinds}) until the
 * damage mask reaches it. Every element is sized from the pixels still wanted, counted before it is
 * committed, and dropped and drawn again smaller when it would take the mask past {@code max}, so the
 * damaged fraction ends in {@code [min, max]} (barring images too small to hold one element, or the
 * cap of {@value Composer#MAX_ELEMENTS} elements). Foxing stains are drawn first, the same way, to a
 * target in {@link Builder#optStainCoverage}'s range (measured on the stains alone: crease shoulders
 * add to the stain mask on top).
 *
 * <p><b>Mask rule.</b> Damage is anti-aliased: each element has an opacity in [0, 1] per pixel (a
 * ramp about one pixel wide across its ragged edge), and elements are composited with the "over"
 * operator. The damage mask is exactly the pixels whose total opacity is at least one half; partial
 * opacity farther than two pixels (Chebyshev) from the mask is dropped, so every pixel outside the
 * mask, its two-pixel band and the stain mask is the clean pixel, bit for bit. Stains multiply tone
 * and never enter the damage mask; the stain mask holds every pixel a tone change touched.
 *
 * <p>No grain, blur or compression is added: scan effects belong after this step. Output stays in
 * [0, 1]. Immutable and thread-safe; a render is a function of (seed, image id, image) alone, whatever
 * the order or thread of the calls.
 */
public final class DamageGenerator {

    private final long seed;
    private final Set<DamageKind> kinds;
    private final double minCoverage;
    private final double maxCoverage;
    private final double minStain;
    private final double maxStain;

    private DamageGenerator(Builder b) {
        this.seed = b.seed;
        this.kinds = Set.copyOf(b.kinds);
        this.minCoverage = b.minCoverage;
        this.maxCoverage = b.maxCoverage;
        this.minStain = b.minStain;
        this.maxStain = b.maxStain;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code clean} (1 or 3 channels, at least 8x8) with damage drawn for image {@code imageId}. */
    public Damaged render(FloatImage clean, long imageId) {
        if (clean.channels() != 1 && clean.channels() != 3) {
            throw new IllegalArgumentException("damage is drawn on 1- or 3-channel images, got " + clean.channels()
                    + " channels; convert with toThreeChannels() or toOneChannel() first");
        }
        if (clean.height() < 8 || clean.width() < 8) {
            throw new IllegalArgumentException("image is " + clean.height() + "x" + clean.width()
                    + ", below the 8x8 damage needs; render crops of at least 8x8");
        }
        int h = clean.height();
        int w = clean.width();
        SplittableRandom random = new SplittableRandom(Hash.key(Hash.mix(seed), imageId));
        Canvas canvas = new Canvas(clean.channels(), h, w, clean.toArray());
        Composer composer = new Composer(new Stage(h, w, random), canvas);
        double plane = (double) h * w;
        if (kinds.contains(DamageKind.STAIN)) {
            double target = minStain + (maxStain - minStain) * random.nextDouble();
            composer.stains((long) Math.ceil(target * plane), (long) Math.floor(maxStain * plane));
        }
        List<DamageKind> masking = new ArrayList<>();
        for (DamageKind kind : DamageKind.values()) {
            if (kind.masksContent() && kinds.contains(kind)) {
                masking.add(kind);
            }
        }
        double target = minCoverage + (maxCoverage - minCoverage) * random.nextDouble();
        composer.damage(masking, (long) Math.ceil(target * plane), (long) Math.floor(maxCoverage * plane));
        int[] counts = composer.counts();
        Map<DamageKind, Integer> perKind = new EnumMap<>(DamageKind.class);
        for (DamageKind kind : kinds) {
            perKind.put(kind, counts[kind.ordinal()]);
        }
        FloatImage image = FloatImage.wrap(clean.channels(), h, w, clean.bitDepth(), canvas.finish());
        return new Damaged(image, Mask.of(h, w, canvas.lossMask()), Mask.of(h, w, canvas.stainMask()), perKind);
    }

    @Override
    public String toString() {
        return "DamageGenerator[seed=" + seed + ", kinds=" + EnumSet.copyOf(kinds) + ", coverage=[" + minCoverage + ", "
                + maxCoverage + "], stains=[" + minStain + ", " + maxStain + "]]";
    }

    /** Settings of a {@link DamageGenerator}; {@link #setSeed} is required, the rest optional. */
    public static final class Builder {

        /** The largest coverage of either range: beyond it the picture is more damage than picture. */
        public static final double MAX_COVERAGE = 0.5;

        private Long seed;
        private EnumSet<DamageKind> kinds = EnumSet.allOf(DamageKind.class);
        private double minCoverage = 0.005;
        private double maxCoverage = 0.08;
        private double minStain = 0.0;
        private double maxStain = 0.02;

        private Builder() {}

        /** The seed; renders are a function of it and the image id. */
        public Builder setSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The kinds to draw (default all). */
        public Builder optKinds(DamageKind... kinds) {
            this.kinds = kinds.length == 0 ? EnumSet.noneOf(DamageKind.class) : EnumSet.copyOf(Arrays.asList(kinds));
            return this;
        }

        /** The range of the damaged fraction of the pixels (default 0.5 % to 8 %). */
        public Builder optCoverage(double min, double max) {
            this.minCoverage = min;
            this.maxCoverage = max;
            return this;
        }

        /** The range of the fraction of pixels under foxing stains (default 0 to 2 %); used when STAIN is drawn. */
        public Builder optStainCoverage(double min, double max) {
            this.minStain = min;
            this.maxStain = max;
            return this;
        }

        public DamageGenerator build() {
            if (seed == null) {
                throw new IllegalStateException(
                        "no seed set; call setSeed(long) (the same seed and image id give the" + " same damage)");
            }
            if (kinds.isEmpty()) {
                throw new IllegalArgumentException("no damage kinds given; pass at least one to optKinds, or leave it"
                        + " out for all of " + Arrays.toString(DamageKind.values()));
            }
            checkRange("coverage", "optCoverage", minCoverage, maxCoverage);
            checkRange("stain coverage", "optStainCoverage", minStain, maxStain);
            if (minCoverage > 0 && kinds.stream().noneMatch(DamageKind::masksContent)) {
                throw new IllegalArgumentException("kinds " + kinds + " mask nothing, so coverage min " + minCoverage
                        + " cannot be reached; add a kind that masks content or set optCoverage(0, 0)");
            }
            return new DamageGenerator(this);
        }

        private static void checkRange(String name, String method, double min, double max) {
            if (!(min >= 0 && min <= max && max <= MAX_COVERAGE)) {
                throw new IllegalArgumentException(
                        name + " range [" + min + ", " + max + "] is not within 0 <= min <= max" + " <= " + MAX_COVERAGE
                                + "; pass fractions such as " + method + "(0.005, 0.08)");
            }
        }
    }
}
