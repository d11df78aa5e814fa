package dev.imagerestore.models.damage.internal;

/**
 * The image being damaged. Tone changes (stains, crease shoulders) multiply a toned copy of the clean
 * image; damage is composited over it with the "over" operator (Porter and Duff, "Compositing Digital
 * Images", SIGGRAPH 1984) in premultiplied form: total opacity {@code A <- A + a (1 - A)} and colour
 * {@code F <- F (1 - a) + f a}, so the result is {@code toned (1 - A) + F}. A pixel is lost (in the
 * damage mask) when {@code A >= 0.5}; a pixel is stained when any tone change touched it.
 *
 * <p>Elements are offered, counted and then either committed or dropped, which is how the generator
 * keeps coverage inside its range. Not thread-safe; one per render.
 */
public final class Canvas {

    /** Partial opacity farther than this (Chebyshev, px) from the damage mask is removed at the end. */
    public static final int FRINGE = 2;

    private final int channels;
    private final int height;
    private final int width;
    private final float[] toned;
    private final float[] opacity;
    private final float[][] premultiplied;
    private final boolean[] stained;
    private int lost;
    private int stainedCount;

    public Canvas(int channels, int height, int width, float[] clean) {
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.toned = clean.clone();
        this.opacity = new float[height * width];
        this.premultiplied = new float[channels][height * width];
        this.stained = new boolean[height * width];
    }

    /** Pixels in the damage mask so far. */
    int lost() {
        return lost;
    }

    /** Pixels any tone change touched so far. */
    int stained() {
        return stainedCount;
    }

    /** How many pixels {@code layer} would add to the damage mask. */
    int lossAdded(Layer layer) {
        int added = 0;
        for (int k = 0; k < layer.size(); k++) {
            int i = layer.pixel(k);
            float a = layer.weight[i];
            added += opacity[i] < 0.5f && opacity[i] + a * (1 - opacity[i]) >= 0.5f ? 1 : 0;
        }
        return added;
    }

    /** How many pixels {@code layer} would add to the stain mask. */
    int toneAdded(Layer layer) {
        int added = 0;
        for (int k = 0; k < layer.size(); k++) {
            int i = layer.pixel(k);
            added += !stained[i] && layer.weight[i] > 0 ? 1 : 0;
        }
        return added;
    }

    /** Composites the damage of {@code layer} and clears it; returns the pixels it added to the mask. */
    int commitLoss(Layer layer) {
        int added = 0;
        for (int k = 0; k < layer.size(); k++) {
            int i = layer.pixel(k);
            float a = layer.weight[i];
            if (a > 0) {
                boolean before = opacity[i] >= 0.5f;
                opacity[i] += a * (1 - opacity[i]);
                added += !before && opacity[i] >= 0.5f ? 1 : 0;
                for (int c = 0; c < channels; c++) {
                    premultiplied[c][i] = premultiplied[c][i] * (1 - a) + a * fill(layer, c, i);
                }
            }
        }
        lost += added;
        layer.clear();
        return added;
    }

    /** Multiplies the toned image by the gains of {@code layer} and clears it; returns the pixels newly stained. */
    int commitTone(Layer layer) {
        int added = 0;
        int plane = height * width;
        for (int k = 0; k < layer.size(); k++) {
            int i = layer.pixel(k);
            float t = layer.weight[i];
            if (t > 0) {
                added += stained[i] ? 0 : 1;
                stained[i] = true;
                for (int c = 0; c < channels; c++) {
                    float gain = 1 + t * (fill(layer, c, i) - 1);
                    toned[c * plane + i] = Math.min(1f, toned[c * plane + i] * gain);
                }
            }
        }
        stainedCount += added;
        layer.clear();
        return added;
    }

    /**
     * The damaged samples (planar, clamped to [0, 1]), after removing partial opacity farther than
     * {@link #FRINGE} px from the mask (so every changed pixel outside the stains lies in or next to it).
     */
    public float[] finish() {
        boolean[] near = Fringe.near(lossMask(), height, width, FRINGE);
        int plane = height * width;
        float[] out = new float[channels * plane];
        for (int i = 0; i < plane; i++) {
            float a = near[i] ? opacity[i] : 0f;
            for (int c = 0; c < channels; c++) {
                float v = near[i] ? toned[c * plane + i] * (1 - a) + premultiplied[c][i] : toned[c * plane + i];
                out[c * plane + i] = Math.max(0f, Math.min(1f, v));
            }
        }
        return out;
    }

    public boolean[] lossMask() {
        boolean[] mask = new boolean[height * width];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = opacity[i] >= 0.5f;
        }
        return mask;
    }

    public boolean[] stainMask() {
        return stained.clone();
    }

    private float fill(Layer layer, int c, int i) {
        if (channels == 3) {
            return layer.colour[c][i];
        }
        return (layer.colour[0][i] + layer.colour[1][i] + layer.colour[2][i]) / 3;
    }
}
