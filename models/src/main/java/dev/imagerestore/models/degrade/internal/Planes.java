package dev.imagerestore.models.degrade.internal;

import java.util.SplittableRandom;

/**
 * Plane operations the degradations are made of: separable Gaussian and disk filters with mirrored
 * borders, bilinear resampling, and fields of normal draws. A plane is a row-major {@code float[]}
 * of {@code height * width}; every operation returns a new plane and leaves its input alone.
 * Stateless.
 */
public final class Planes {

    private Planes() {}

    /** {@code count} standard normal draws from {@code random} (Marsaglia's polar method, both of each pair). */
    public static float[] normal(SplittableRandom random, int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i += 2) {
            double u;
            double v;
            double s;
            do {
                u = 2 * random.nextDouble() - 1;
                v = 2 * random.nextDouble() - 1;
                s = u * u + v * v;
            } while (s >= 1 || s == 0);
            double f = Math.sqrt(-2 * Math.log(s) / s);
            out[i] = (float) (u * f);
            if (i + 1 < count) {
                out[i + 1] = (float) (v * f);
            }
        }
        return out;
    }

    /** The normalised 1-D Gaussian kernel of standard deviation {@code sigma}, radius {@code ceil(3 sigma)}. */
    public static float[] gaussianKernel(double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            double w = Math.exp(-i * i / (2 * sigma * sigma));
            kernel[i + radius] = (float) w;
            sum += w;
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= (float) sum;
        }
        return kernel;
    }

    /** The L2 norm of a kernel: the standard deviation that white unit noise keeps after it. */
    public static double norm(float[] kernel) {
        double sum = 0;
        for (float k : kernel) {
            sum += (double) k * k;
        }
        return Math.sqrt(sum);
    }

    /** {@code plane} convolved with {@code kernel} along rows, then along columns (mirrored borders). */
    public static float[] separable(float[] plane, int height, int width, float[] kernel) {
        return columns(rows(plane, height, width, kernel), height, width, kernel);
    }

    private static float[] rows(float[] in, int height, int width, float[] kernel) {
        int radius = kernel.length / 2;
        float[] out = new float[in.length];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                float sum = 0;
                for (int k = -radius; k <= radius; k++) {
                    sum += kernel[k + radius] * in[row + mirror(x + k, width)];
                }
                out[row + x] = sum;
            }
        }
        return out;
    }

    private static float[] columns(float[] in, int height, int width, float[] kernel) {
        int radius = kernel.length / 2;
        float[] out = new float[in.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float sum = 0;
                for (int k = -radius; k <= radius; k++) {
                    sum += kernel[k + radius] * in[mirror(y + k, height) * width + x];
                }
                out[y * width + x] = sum;
            }
        }
        return out;
    }

    /** {@code plane} averaged over a disk of {@code radius} pixels (anti-aliased rim): a defocus blur. */
    public static float[] disk(float[] plane, int height, int width, double radius) {
        int r = (int) Math.ceil(radius);
        int side = 2 * r + 1;
        float[] weights = new float[side * side];
        double sum = 0;
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                double w = Math.min(1, Math.max(0, radius + 0.5 - Math.hypot(dx, dy)));
                weights[(dy + r) * side + dx + r] = (float) w;
                sum += w;
            }
        }
        float[] out = new float[plane.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double acc = 0;
                for (int dy = -r; dy <= r; dy++) {
                    int row = mirror(y + dy, height) * width;
                    for (int dx = -r; dx <= r; dx++) {
                        acc += weights[(dy + r) * side + dx + r] * plane[row + mirror(x + dx, width)];
                    }
                }
                out[y * width + x] = (float) (acc / sum);
            }
        }
        return out;
    }

    /**
     * {@code plane} resampled bilinearly to {@code toHeight x toWidth} (pixel centres aligned), after a
     * Gaussian pre-filter when shrinking so that the result is not aliased.
     */
    public static float[] resize(float[] plane, int height, int width, int toHeight, int toWidth) {
        double scale = Math.max((double) height / toHeight, (double) width / toWidth);
        float[] source = scale > 1 ? separable(plane, height, width, gaussianKernel(0.5 * scale)) : plane;
        float[] out = new float[toHeight * toWidth];
        double sy = (double) height / toHeight;
        double sx = (double) width / toWidth;
        for (int y = 0; y < toHeight; y++) {
            double fy = Math.min(height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
            int y0 = (int) fy;
            int y1 = Math.min(height - 1, y0 + 1);
            double wy = fy - y0;
            for (int x = 0; x < toWidth; x++) {
                double fx = Math.min(width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
                int x0 = (int) fx;
                int x1 = Math.min(width - 1, x0 + 1);
                double wx = fx - x0;
                double top = source[y0 * width + x0] * (1 - wx) + source[y0 * width + x1] * wx;
                double bottom = source[y1 * width + x0] * (1 - wx) + source[y1 * width + x1] * wx;
                out[y * toWidth + x] = (float) (top * (1 - wy) + bottom * wy);
            }
        }
        return out;
    }

    /** Index {@code i} reflected into {@code [0, n)} (edge sample not repeated). */
    static int mirror(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }
}
