package dev.imagerestore.models.inpaint.internal;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.inpaint.Mask;
import java.util.Arrays;

/**
 * A smooth first guess for the damaged pixels: they are filled from the outside in (breadth-first
 * from the known pixels, "onion peel"), each with the mean of its already-determined 8-neighbours,
 * a cheap relative of Telea's fast-marching inpainting (Telea, J. Graphics Tools 2004). Used as the
 * start of RePaint runs that begin below pure noise. Known pixels are copied unchanged; an image
 * whose mask covers every pixel is filled with mid-grey. Stateless.
 */
public final class HoleFill {

    private HoleFill() {}

    /** {@code image} with its damaged pixels replaced by the onion-peel fill. */
    public static FloatImage fill(FloatImage image, Mask mask) {
        int h = image.height();
        int w = image.width();
        int plane = h * w;
        float[] out = image.toArray();
        boolean[] done = new boolean[plane];
        int[] queue = new int[plane];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < plane; i++) {
            done[i] = !mask.get(i / w, i % w);
        }
        for (int i = 0; i < plane; i++) {
            if (!done[i] && hasDoneNeighbour(done, i, h, w)) {
                queue[tail++] = i;
                done[i] = true;
            }
        }
        boolean[] known = new boolean[plane];
        for (int i = 0; i < plane; i++) {
            known[i] = !mask.get(i / w, i % w);
        }
        if (tail == 0 && mask.count() == plane) {
            Arrays.fill(out, 0.5f);
            return FloatImage.wrap(image.channels(), h, w, image.bitDepth(), out);
        }
        while (head < tail) {
            int i = queue[head++];
            average(out, known, i, h, w, image.channels());
            known[i] = true;
            int y = i / w;
            int x = i % w;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int ny = y + dy;
                    int nx = x + dx;
                    if (ny >= 0 && ny < h && nx >= 0 && nx < w && !done[ny * w + nx]) {
                        done[ny * w + nx] = true;
                        queue[tail++] = ny * w + nx;
                    }
                }
            }
        }
        return FloatImage.wrap(image.channels(), h, w, image.bitDepth(), out);
    }

    private static boolean hasDoneNeighbour(boolean[] done, int i, int h, int w) {
        int y = i / w;
        int x = i % w;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int ny = y + dy;
                int nx = x + dx;
                if (ny >= 0 && ny < h && nx >= 0 && nx < w && done[ny * w + nx]) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void average(float[] out, boolean[] known, int i, int h, int w, int channels) {
        int plane = h * w;
        int y = i / w;
        int x = i % w;
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            int n = 0;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int ny = y + dy;
                    int nx = x + dx;
                    if (ny >= 0 && ny < h && nx >= 0 && nx < w && known[ny * w + nx]) {
                        sum += out[c * plane + ny * w + nx];
                        n++;
                    }
                }
            }
            out[c * plane + i] = n == 0 ? 0.5f : (float) (sum / n);
        }
    }
}
