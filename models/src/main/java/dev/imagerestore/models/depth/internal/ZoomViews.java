package dev.imagerestore.models.depth.internal;

import dev.imagerestore.models.image.PlaneOps;

/**
 * Test-time views for a depth estimator trained with Eigen et al.'s scale augmentation (a random
 * window of 1/s of the image resampled to the input size, its depths divided by s): the whole input
 * and {@value #WINDOWS} windows of 1/zoom of it, at the four corners and the centre, each resampled
 * to the input size by the augmentation's own resampling ({@link PlaneOps#zoomWindow}, from the
 * already resized input). The estimates are merged per pixel by averaging the log depths of the views that cover
 * it, each window's raised by log(zoom) to undo the division it was trained with.
 *
 * <p>Planes are row-major, planar, all {@code height x width}. Immutable; thread-safe.
 */
public final class ZoomViews {

    /** Windows besides the whole input. */
    public static final int WINDOWS = 5;

    /** Window positions as fractions of the free margin (top, left): four corners and the centre. */
    private static final double[][] PLACES = {{0, 0}, {0, 1}, {0.5, 0.5}, {1, 0}, {1, 1}};

    private final int height;
    private final int width;
    private final double zoom;

    /**
     * @param zoom the windows' zoom, in (1, 2]
     * @throws IllegalArgumentException if the zoom is outside (1, 2] or a side is below 2
     */
    public ZoomViews(int height, int width, double zoom) {
        if (!(zoom > 1 && zoom <= 2)) {
            throw new IllegalArgumentException("the test-time zoom must be in (1, 2], got " + zoom
                    + "; use a zoom inside the range the estimator was trained with");
        }
        if (height < 2 || width < 2) {
            throw new IllegalArgumentException("views need an input of at least 2x2, got " + width + "x" + height);
        }
        this.height = height;
        this.width = width;
        this.zoom = zoom;
    }

    /** The number of views: the whole input and the windows. */
    public int count() {
        return 1 + WINDOWS;
    }

    /**
     * The views of a planar input of {@code channels} planes: {@code count() * channels} planes,
     * view by view, the whole input first.
     */
    public float[] views(float[] planes, int channels) {
        int plane = height * width;
        if (planes.length != channels * plane) {
            throw new IllegalArgumentException(
                    "input has " + planes.length + " samples, expected " + channels + "x" + height + "x" + width);
        }
        float[] out = new float[count() * channels * plane];
        System.arraycopy(planes, 0, out, 0, planes.length);
        for (int w = 0; w < WINDOWS; w++) {
            for (int c = 0; c < channels; c++) {
                PlaneOps.zoomWindow(
                        planes, c * plane, width, height, left(w), top(w), zoom, out, ((1 + w) * channels + c) * plane);
            }
        }
        return out;
    }

    /**
     * Merges the log-depth estimates of the views ({@code count()} planes, in the order of
     * {@link #views}) into one plane: per pixel, the mean over the views covering it, each window's
     * value read back at that pixel (bilinear) and raised by log(zoom).
     */
    public float[] merge(float[] logDepths) {
        int plane = height * width;
        if (logDepths.length != count() * plane) {
            throw new IllegalArgumentException("estimates have " + logDepths.length + " samples, expected " + count()
                    + "x" + height + "x" + width);
        }
        float[] sum = new float[plane];
        int[] covered = new int[plane];
        for (int i = 0; i < plane; i++) {
            sum[i] = logDepths[i];
            covered[i] = 1;
        }
        float shift = (float) Math.log(zoom);
        double windowHeight = height / zoom;
        double windowWidth = width / zoom;
        for (int w = 0; w < WINDOWS; w++) {
            int from = (1 + w) * plane;
            for (int y = 0; y < height; y++) {
                double centreY = y + 0.5 - top(w);
                if (centreY < 0 || centreY > windowHeight) {
                    continue;
                }
                for (int x = 0; x < width; x++) {
                    double centreX = x + 0.5 - left(w);
                    if (centreX < 0 || centreX > windowWidth) {
                        continue;
                    }
                    sum[y * width + x] += PlaneOps.bilinear(
                                    logDepths, from, width, height, centreX * zoom - 0.5, centreY * zoom - 0.5)
                            + shift;
                    covered[y * width + x]++;
                }
            }
        }
        for (int i = 0; i < plane; i++) {
            sum[i] /= covered[i];
        }
        return sum;
    }

    private double top(int window) {
        return (height - height / zoom) * PLACES[window][0];
    }

    private double left(int window) {
        return (width - width / zoom) * PLACES[window][1];
    }
}
