package dev.imagerestore.models.image;

/**
 * Single-plane resampling, local contrast and depth normalisation shared by the depth estimator, its
 * trainer, the depth-conditioned translation, the degradation pipelines and the noise statistics.
 * Stateless; every method returns a new array.
 */
public final class PlaneOps {

    /** Depths below this many metres (or units) are treated as this value when inverted. */
    static final float MIN_DEPTH = 1e-3f;

    private PlaneOps() {}

    /**
     * The plane starting at {@code src[from]} ({@code height} rows of {@code width}) at pixel
     * coordinates (sx, sy), pixel centres at integers, clamped to the plane and bilinearly
     * interpolated. Needs {@code width, height >= 2}.
     */
    public static float bilinear(float[] src, int from, int width, int height, double sx, double sy) {
        sx = Math.min(width - 1, Math.max(0, sx));
        sy = Math.min(height - 1, Math.max(0, sy));
        int x0 = Math.min(width - 2, (int) sx);
        int y0 = Math.min(height - 2, (int) sy);
        double fx = sx - x0;
        double fy = sy - y0;
        int k = from + y0 * width + x0;
        double upper = src[k] * (1 - fx) + src[k + 1] * fx;
        double lower = src[k + width] * (1 - fx) + src[k + width + 1] * fx;
        return (float) (upper * (1 - fy) + lower * fy);
    }

    /**
     * The zoom augmentation's resampling (Eigen et al. 2014), shared by the trainer and the
     * estimator's test-time views: the unturned window of 1/zoom of a plane, its top-left corner at
     * (left, top) in pixels, resampled bilinearly to the plane's full size into {@code dst} from
     * {@code dst[to]}.
     */
    public static void zoomWindow(
            float[] src, int from, int width, int height, double left, double top, double zoom, float[] dst, int to) {
        for (int y = 0; y < height; y++) {
            double sy = top + (y + 0.5) / zoom - 0.5;
            for (int x = 0; x < width; x++) {
                dst[to + y * width + x] = bilinear(src, from, width, height, left + (x + 0.5) / zoom - 0.5, sy);
            }
        }
    }

    /**
     * Resizes a row-major plane: area averaging along an axis that shrinks (no aliasing), bilinear
     * interpolation with half-pixel centres along one that grows.
     */
    public static float[] resize(float[] src, int height, int width, int newHeight, int newWidth) {
        if (src.length != height * width) {
            throw new IllegalArgumentException(
                    "plane has " + src.length + " samples, expected " + height + "x" + width);
        }
        float[] rows = resizeRows(src, height, width, newHeight);
        return transpose(
                resizeRows(transpose(rows, newHeight, width), width, newHeight, newWidth), newWidth, newHeight);
    }

    /** Resizes along the first axis of a (height, width) plane. */
    private static float[] resizeRows(float[] src, int height, int width, int newHeight) {
        float[] out = new float[newHeight * width];
        double scale = (double) height / newHeight;
        for (int y = 0; y < newHeight; y++) {
            if (newHeight <= height) {
                double from = y * scale;
                double to = (y + 1) * scale;
                double total = 0;
                for (int sy = (int) from; sy < Math.min(height, (int) Math.ceil(to)); sy++) {
                    double w = Math.min(to, sy + 1) - Math.max(from, sy);
                    total += w;
                    for (int x = 0; x < width; x++) {
                        out[y * width + x] += (float) (w * src[sy * width + x]);
                    }
                }
                for (int x = 0; x < width; x++) {
                    out[y * width + x] /= (float) total;
                }
            } else {
                double sy = Math.max(0, Math.min(height - 1, (y + 0.5) * scale - 0.5));
                int y0 = (int) sy;
                int y1 = Math.min(height - 1, y0 + 1);
                float f = (float) (sy - y0);
                for (int x = 0; x < width; x++) {
                    out[y * width + x] = src[y0 * width + x] * (1 - f) + src[y1 * width + x] * f;
                }
            }
        }
        return out;
    }

    private static float[] transpose(float[] src, int height, int width) {
        float[] out = new float[src.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out[x * height + y] = src[y * width + x];
            }
        }
        return out;
    }

    /**
     * The local contrast of a plane of {@code height} rows of {@code width}: at each pixel the largest
     * absolute step to its horizontal and vertical neighbours (those inside the plane; 0 for a single
     * pixel).
     */
    public static float[] largestNeighbourStep(float[] plane, int height, int width) {
        if (plane.length != height * width) {
            throw new IllegalArgumentException(
                    "a plane of " + plane.length + " samples is not " + height + " x " + width);
        }
        float[] steps = new float[plane.length];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                int i = r * width + c;
                float step = 0;
                if (c > 0) {
                    step = Math.max(step, Math.abs(plane[i] - plane[i - 1]));
                }
                if (c + 1 < width) {
                    step = Math.max(step, Math.abs(plane[i] - plane[i + 1]));
                }
                if (r > 0) {
                    step = Math.max(step, Math.abs(plane[i] - plane[i - width]));
                }
                if (r + 1 < height) {
                    step = Math.max(step, Math.abs(plane[i] - plane[i + width]));
                }
                steps[i] = step;
            }
        }
        return steps;
    }

    /**
     * Stable Diffusion 2's depth conditioning: inverse depth (disparity) rescaled per image to
     * [-1, 1], near = +1; a plane of one value maps to zeros.
     */
    public static float[] normalizedDisparity(float[] depth) {
        float[] disparity = new float[depth.length];
        for (int i = 0; i < depth.length; i++) {
            disparity[i] = 1f / Math.max(MIN_DEPTH, depth[i]);
        }
        return rescaleToUnitRange(disparity);
    }

    /** Rescales a plane linearly so that its minimum is -1 and its maximum +1 (zeros if constant). */
    public static float[] rescaleToUnitRange(float[] plane) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : plane) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float[] out = new float[plane.length];
        if (!(max > min)) {
            return out;
        }
        float scale = 2f / (max - min);
        for (int i = 0; i < plane.length; i++) {
            out[i] = (plane[i] - min) * scale - 1f;
        }
        return out;
    }
}
