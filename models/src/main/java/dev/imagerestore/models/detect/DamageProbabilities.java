package dev.imagerestore.models.detect;

import dev.imagerestore.models.inpaint.Mask;

/**
 * A detector's per-pixel damage probabilities of one image, row-major, each in [0, 1]. Immutable:
 * the array is copied in and out.
 */
public final class DamageProbabilities {

    private final int height;
    private final int width;
    private final float[] values;

    private DamageProbabilities(int height, int width, float[] values) {
        this.height = height;
        this.width = width;
        this.values = values;
    }

    /** Wraps a copy of {@code values} ({@code height * width} probabilities in [0, 1]). */
    public static DamageProbabilities of(int height, int width, float[] values) {
        if (height < 1 || width < 1 || values.length != (long) height * width) {
            throw new IllegalArgumentException(values.length + " probabilities do not fill " + height + "x" + width);
        }
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0 && values[i] <= 1)) {
                throw new IllegalArgumentException("probability " + values[i] + " at pixel " + i + " is not in [0, 1]");
            }
        }
        return new DamageProbabilities(height, width, values.clone());
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public float get(int y, int x) {
        return values[y * width + x];
    }

    /** A copy of the probabilities, row-major. */
    public float[] values() {
        return values.clone();
    }

    /** The pixels whose probability is at least {@code threshold}, in (0, 1). */
    public Mask mask(double threshold) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1), got " + threshold);
        }
        boolean[] flagged = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            flagged[i] = values[i] >= threshold;
        }
        return Mask.of(height, width, flagged);
    }
}
