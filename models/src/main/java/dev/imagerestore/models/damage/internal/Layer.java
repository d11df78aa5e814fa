package dev.imagerestore.models.damage.internal;

import java.util.Arrays;

/**
 * The scratch raster of one element being drawn: a weight and an RGB colour per pixel. For damage
 * the weight is the opacity of the lost content and the colour what shows instead; for tone changes
 * the weight is the strength and the colour a gain per channel. Overlapping parts of one element keep
 * the larger weight (a union, not a sum). The touched pixels are listed, so counting, committing and
 * clearing cost what the element covers, not its box (a sprinkling of dust spans the whole image).
 * Reused from element to element. Not thread-safe; one per render.
 */
final class Layer {

    final int height;
    final int width;
    final float[] weight;
    final float[][] colour;
    private int[] touched = new int[256];
    private int size;

    Layer(int height, int width) {
        this.height = height;
        this.width = width;
        this.weight = new float[height * width];
        this.colour = new float[3][height * width];
    }

    /** Keeps {@code w} and its colour at (y, x) when it is larger than what the pixel holds; clipped to the image. */
    void put(int y, int x, double w, double r, double g, double b) {
        if (y < 0 || y >= height || x < 0 || x >= width || w <= 0) {
            return;
        }
        int i = y * width + x;
        if (w > weight[i]) {
            if (weight[i] == 0) {
                if (size == touched.length) {
                    touched = Arrays.copyOf(touched, 2 * size);
                }
                touched[size++] = i;
            }
            weight[i] = (float) Math.min(1, w);
            colour[0][i] = (float) r;
            colour[1][i] = (float) g;
            colour[2][i] = (float) b;
        }
    }

    /** How many pixels the element touched; {@link #pixel} lists them. */
    int size() {
        return size;
    }

    /** The index (row-major) of the {@code k}-th touched pixel. */
    int pixel(int k) {
        return touched[k];
    }

    void clear() {
        for (int k = 0; k < size; k++) {
            weight[touched[k]] = 0f;
        }
        size = 0;
    }
}
