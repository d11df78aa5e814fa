package dev.imagerestore.models.eval;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.inpaint.Mask;
import java.util.Arrays;
import java.util.Locale;

/**
 * A detector's recall split by how visible the damage is: each damaged pixel is put in a bin by its
 * contrast, the largest change over channels between the clean image and the damaged one (8-bit
 * levels, before scan effects), and counted as found or missed. It tells whether what a detector
 * misses could be seen at all: damage that changes a pixel by a few levels is lost under grain of
 * ten. Pooled over images; not thread-safe.
 */
public final class RecallByContrast {

    /** Upper bounds of the bins, in levels; the last bin is open. */
    static final int[] BOUNDS = {8, 16, 32, 64};

    private final long[] damaged = new long[BOUNDS.length + 1];
    private final long[] found = new long[BOUNDS.length + 1];

    /** Counts {@code truth}'s pixels between {@code clean} and {@code rendered} against {@code flagged}. */
    public void add(FloatImage clean, FloatImage rendered, Mask truth, Mask flagged) {
        int h = truth.height();
        int w = truth.width();
        if (clean.height() != h || clean.width() != w || rendered.height() != h || rendered.width() != w) {
            throw new IllegalArgumentException("the images and masks must have one size, got clean "
                    + clean.height() + "x" + clean.width() + ", rendered " + rendered.height() + "x"
                    + rendered.width() + " and masks " + h + "x" + w);
        }
        int channels = Math.min(clean.channels(), rendered.channels());
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!truth.get(y, x)) {
                    continue;
                }
                double contrast = 0;
                for (int c = 0; c < channels; c++) {
                    contrast = Math.max(contrast, Math.abs(rendered.get(c, y, x) - clean.get(c, y, x)) * 255);
                }
                int bin = bin(contrast);
                damaged[bin]++;
                if (flagged.get(y, x)) {
                    found[bin]++;
                }
            }
        }
    }

    static int bin(double contrast) {
        for (int b = 0; b < BOUNDS.length; b++) {
            if (contrast < BOUNDS[b]) {
                return b;
            }
        }
        return BOUNDS.length;
    }

    /** Damaged pixels in bin {@code b}. */
    public long damaged(int b) {
        return damaged[b];
    }

    /** Of those, the ones flagged. */
    public long found(int b) {
        return found[b];
    }

    /**
     * The table: per bin its share of the damage, the detector's recall there, and its share of all
     * that is missed.
     */
    public String table() {
        long total = Arrays.stream(damaged).sum();
        long missed = total - Arrays.stream(found).sum();
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "%-18s %14s %8s %14s%n",
                "contrast (levels)",
                "share of damage",
                "recall",
                "share of misses"));
        for (int b = 0; b <= BOUNDS.length; b++) {
            String name = b == 0
                    ? "< " + BOUNDS[0]
                    : b == BOUNDS.length ? ">= " + BOUNDS[b - 1] : BOUNDS[b - 1] + "-" + BOUNDS[b];
            out.append(String.format(
                    Locale.ROOT,
                    "%-18s %14.3f %8.3f %14.3f%n",
                    name,
                    total == 0 ? 0 : (double) damaged[b] / total,
                    damaged[b] == 0 ? 0 : (double) found[b] / damaged[b],
                    missed == 0 ? 0 : (double) (damaged[b] - found[b]) / missed));
        }
        return out.toString();
    }
}
