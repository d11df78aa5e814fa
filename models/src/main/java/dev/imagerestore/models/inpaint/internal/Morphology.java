package dev.imagerestore.models.inpaint.internal;

/**
 * Grey-level morphology on one row-major plane with a square structuring element of side
 * {@code 2r + 1} (separable: a running minimum or maximum along rows, then along columns; pixels past
 * the border are ignored). Stateless.
 */
public final class Morphology {

    private Morphology() {}

    /** White top-hat {@code f - open(f)}: bright details narrower than the element. */
    public static float[] whiteTopHat(float[] f, int h, int w, int r) {
        float[] open = filter(filter(f, h, w, r, true), h, w, r, false);
        float[] out = new float[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i] - open[i];
        }
        return out;
    }

    /** Black top-hat {@code close(f) - f}: dark details narrower than the element. */
    public static float[] blackTopHat(float[] f, int h, int w, int r) {
        float[] close = filter(filter(f, h, w, r, false), h, w, r, true);
        float[] out = new float[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = close[i] - f[i];
        }
        return out;
    }

    /** Erosion ({@code min = true}) or dilation of {@code f}. */
    public static float[] filter(float[] f, int h, int w, int r, boolean min) {
        float[] rows = new float[f.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = f[y * w + x];
                for (int k = Math.max(0, x - r); k <= Math.min(w - 1, x + r); k++) {
                    v = min ? Math.min(v, f[y * w + k]) : Math.max(v, f[y * w + k]);
                }
                rows[y * w + x] = v;
            }
        }
        float[] out = new float[f.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = rows[y * w + x];
                for (int k = Math.max(0, y - r); k <= Math.min(h - 1, y + r); k++) {
                    v = min ? Math.min(v, rows[k * w + x]) : Math.max(v, rows[k * w + x]);
                }
                out[y * w + x] = v;
            }
        }
        return out;
    }
}
