package dev.imagerestore.models.inpaint;

import dev.imagerestore.models.image.FloatImage;
import java.util.Arrays;

/**
 * A smooth first guess for the damaged pixels: the harmonic (membrane) interpolation of the known
 * pixels around them, the solution of Laplace's equation {@code Δu = 0} inside the damage with the
 * known pixels as its boundary (Bertalmio et al., "Navier-Stokes, fluid dynamics, and image and
 * video inpainting", CVPR 2001, solve a transport form of the same smoothness; the membrane is its
 * least-squares gradient minimiser). Among smooth fills it is the one closest to the originals on
 * this project's benchmarks (docs/evaluation.md: above OpenCV's Telea and Navier-Stokes in hole PSNR), and it is
 * the start of RePaint runs that begin below pure noise.
 *
 * <p>Solver: the damage is first filled from the outside in (breadth-first from the known pixels,
 * "onion peel"), each pixel with the mean of its already-determined 8-neighbours, which also gives
 * the depth {@code L} of the deepest damaged pixel; then successive over-relaxation on the
 * 4-neighbour Laplacian with {@code ω = 2 / (1 + sin(π / (2L + 1)))}, the optimum for a hole of that
 * width, until no sample moves by more than {@value #TOLERANCE} or after {@code 8 (2L + 1) + 50}
 * sweeps. The work is proportional to the damaged pixels times the hole width, so thin scratches
 * cost a few sweeps.
 *
 * <p>Known pixels are copied unchanged; an image whose mask covers every pixel is filled with
 * mid-grey. Stateless.
 */
public final class HoleFill {

    /** Largest change of a sample in the last sweep at which the solver stops (1/400 of an 8-bit level). */
    static final double TOLERANCE = 1e-5;

    private HoleFill() {}

    /** {@code image} with its damaged pixels replaced by the harmonic interpolation of the rest. */
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
        boolean[] known = done.clone();
        for (int i = 0; i < plane; i++) {
            if (!known[i] && hasKnownNeighbour(known, i, h, w)) {
                queue[tail++] = i;
                done[i] = true;
            }
        }
        int[] depth = new int[plane];
        if (tail == 0 && mask.count() == plane) {
            Arrays.fill(out, 0.5f);
            return FloatImage.wrap(image.channels(), h, w, image.bitDepth(), out);
        }
        int deepest = 0;
        while (head < tail) {
            int i = queue[head++];
            deepest = Math.max(deepest, depth[i]);
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
                        depth[ny * w + nx] = depth[i] + 1;
                        queue[tail++] = ny * w + nx;
                    }
                }
            }
        }
        relax(out, Arrays.copyOf(queue, tail), h, w, image.channels(), 2 * deepest + 3);
        return FloatImage.wrap(image.channels(), h, w, image.bitDepth(), out);
    }

    /** Successive over-relaxation of {@code Δu = 0} over {@code pixels}, for holes about {@code width} wide. */
    private static void relax(float[] u, int[] pixels, int h, int w, int channels, int width) {
        double omega = 2 / (1 + Math.sin(Math.PI / width));
        int plane = h * w;
        int maxSweeps = 8 * width + 50;
        for (int sweep = 0; sweep < maxSweeps; sweep++) {
            double largest = 0;
            for (int c = 0; c < channels; c++) {
                int offset = c * plane;
                for (int i : pixels) {
                    int y = i / w;
                    int x = i % w;
                    double sum = 0;
                    int n = 0;
                    if (y > 0) {
                        sum += u[offset + i - w];
                        n++;
                    }
                    if (y < h - 1) {
                        sum += u[offset + i + w];
                        n++;
                    }
                    if (x > 0) {
                        sum += u[offset + i - 1];
                        n++;
                    }
                    if (x < w - 1) {
                        sum += u[offset + i + 1];
                        n++;
                    }
                    double change = omega * (sum / n - u[offset + i]);
                    u[offset + i] += (float) change;
                    largest = Math.max(largest, Math.abs(change));
                }
            }
            if (largest <= TOLERANCE) {
                return;
            }
        }
    }

    private static boolean hasKnownNeighbour(boolean[] known, int i, int h, int w) {
        int y = i / w;
        int x = i % w;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int ny = y + dy;
                int nx = x + dx;
                if (ny >= 0 && ny < h && nx >= 0 && nx < w && known[ny * w + nx]) {
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
