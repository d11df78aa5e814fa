package dev.imagerestore.models.train;

import dev.imagerestore.models.depth.NyuV2;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.PlaneOps;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The NYUv2 training split (i < 1300) held in memory at the depth estimator's input size, with the
 * random augmentations of a training step: a horizontal flip, a global brightness gain in
 * [0.8, 1.2] and per-channel gains in [0.9, 1.1], and optionally a zoom and a rotation (all as
 * in Eigen et al. 2014). Depth is area-averaged to the input size and stored as log metres. Not thread-safe.
 */
public final class DepthTrainingData {

    /** One batch: planar RGB in [0, 1] and log-depth planes. */
    public record Batch(float[] rgb, float[] logDepth) {}

    private final List<float[]> rgb = new ArrayList<>();
    private final List<float[]> logDepth = new ArrayList<>();
    private final int height;
    private final int width;

    private DepthTrainingData(int height, int width) {
        this.height = height;
        this.width = width;
    }

    /** Loads the first {@code limit} training pairs (0 = all) resized to {@code height x width}. */
    public static DepthTrainingData load(Path nyuRoot, int height, int width, int limit) throws IOException {
        DepthTrainingData data = new DepthTrainingData(height, width);
        List<Integer> indices = NyuV2.indices(nyuRoot, false);
        if (limit > 0 && indices.size() > limit) {
            indices = indices.subList(0, limit);
        }
        for (int index : indices) {
            NyuV2.Pair pair = NyuV2.read(nyuRoot, index);
            data.add(pair.rgb(), pair.depthMetres());
        }
        if (data.size() == 0) {
            throw new IOException(nyuRoot + ": no training pair (i < " + NyuV2.FIRST_TEST_INDEX + ") found");
        }
        return data;
    }

    /** Pairs already at the input size: planar RGB in [0, 1] and log-metre planes (copied). */
    static DepthTrainingData of(List<float[]> rgb, List<float[]> logDepth, int height, int width) {
        DepthTrainingData data = new DepthTrainingData(height, width);
        for (int i = 0; i < rgb.size(); i++) {
            data.rgb.add(rgb.get(i).clone());
            data.logDepth.add(logDepth.get(i).clone());
        }
        return data;
    }

    private void add(FloatImage image, float[] metres) {
        int h = image.height();
        int w = image.width();
        float[] planes = image.toArray();
        float[] out = new float[3 * height * width];
        for (int c = 0; c < 3; c++) {
            float[] plane = new float[h * w];
            System.arraycopy(planes, c * h * w, plane, 0, h * w);
            System.arraycopy(PlaneOps.resize(plane, h, w, height, width), 0, out, c * height * width, height * width);
        }
        float[] depth = PlaneOps.resize(metres, h, w, height, width);
        for (int i = 0; i < depth.length; i++) {
            depth[i] = (float) Math.log(Math.max(0.1f, depth[i]));
        }
        rgb.add(out);
        logDepth.add(depth);
    }

    public int size() {
        return rgb.size();
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Draws {@code batch} augmented pairs (flip and colour gains, no zoom). */
    public Batch sample(SplittableRandom random, int batch) {
        return sample(random, batch, 1);
    }

    /** Draws {@code batch} augmented pairs, zoomed but not rotated (see {@link #sample(SplittableRandom, int, double, double)}). */
    public Batch sample(SplittableRandom random, int batch, double maxZoom) {
        return sample(random, batch, maxZoom, 0);
    }

    /**
     * Draws {@code batch} augmented pairs. With {@code maxZoom > 1} each pair is also zoomed by a
     * factor s uniform in [1, maxZoom], the scale augmentation of Eigen et al. 2014: a window of
     * 1/s of the image at a random place is resampled (bilinear) to the input size and its depths
     * are divided by s, as if the camera had moved s times closer. With {@code maxRotation > 0}
     * the window is also turned by an angle uniform in [-maxRotation, maxRotation] degrees (their
     * rotation augmentation, a camera roll, which leaves depths unchanged); s is then raised where
     * needed so that the turned window lies inside the image, and no pixel is made up. With
     * {@code maxZoom = 1} and no rotation the draws and the batch are those of
     * {@link #sample(SplittableRandom, int)}, and without rotation those of earlier versions.
     */
    public Batch sample(SplittableRandom random, int batch, double maxZoom, double maxRotation) {
        if (!(maxZoom >= 1)) {
            throw new IllegalArgumentException("maxZoom must be >= 1, got " + maxZoom);
        }
        if (!(maxRotation >= 0 && maxRotation <= 45)) {
            throw new IllegalArgumentException("maxRotation must be in [0, 45] degrees, got " + maxRotation);
        }
        int plane = height * width;
        float[] images = new float[batch * 3 * plane];
        float[] depths = new float[batch * plane];
        float[] warped = maxZoom > 1 || maxRotation > 0 ? new float[plane] : null;
        for (int b = 0; b < batch; b++) {
            int i = random.nextInt(size());
            boolean flip = random.nextBoolean();
            double brightness = 0.8 + 0.4 * random.nextDouble();
            float[] gains = new float[3];
            for (int c = 0; c < 3; c++) {
                gains[c] = (float) (brightness * (0.9 + 0.2 * random.nextDouble()));
            }
            if (warped == null) {
                for (int c = 0; c < 3; c++) {
                    copy(rgb.get(i), c * plane, images, (b * 3 + c) * plane, flip, gains[c]);
                }
                copy(logDepth.get(i), 0, depths, b * plane, flip, 1f);
                continue;
            }
            Window window = Window.draw(random, maxZoom, maxRotation, width, height);
            for (int c = 0; c < 3; c++) {
                window.resample(rgb.get(i), c * plane, width, height, warped);
                copy(warped, 0, images, (b * 3 + c) * plane, flip, gains[c]);
            }
            window.resample(logDepth.get(i), 0, width, height, warped);
            float shift = (float) Math.log(window.zoom());
            for (int k = 0; k < plane; k++) {
                warped[k] -= shift;
            }
            copy(warped, 0, depths, b * plane, flip, 1f);
        }
        return new Batch(images, depths);
    }

    /**
     * A window of the image: 1/zoom of its size, its unturned top-left corner at (left, top) in
     * pixels, turned by {@code angle} radians about its centre.
     */
    record Window(double zoom, double angle, double left, double top) {

        static Window draw(SplittableRandom random, double maxZoom, double maxRotation, int width, int height) {
            double zoom = 1 + (maxZoom - 1) * random.nextDouble();
            if (maxRotation == 0) {
                return new Window(
                        zoom,
                        0,
                        (width - width / zoom) * random.nextDouble(),
                        (height - height / zoom) * random.nextDouble());
            }
            double angle = Math.toRadians(maxRotation * (2 * random.nextDouble() - 1));
            double cos = Math.cos(angle);
            double sin = Math.abs(Math.sin(angle));
            // the turned window's bounding box (width cos + height sin, width sin + height cos) / zoom must fit
            zoom = Math.max(zoom, Math.max(cos + sin * height / width, cos + sin * width / height));
            double boxWidth = (width * cos + height * sin) / zoom;
            double boxHeight = (width * sin + height * cos) / zoom;
            double centreX = boxWidth / 2 + (width - boxWidth) * random.nextDouble();
            double centreY = boxHeight / 2 + (height - boxHeight) * random.nextDouble();
            return new Window(zoom, angle, centreX - width / (2 * zoom), centreY - height / (2 * zoom));
        }

        /** Bilinear resampling of this window of a plane to the full size. */
        void resample(float[] src, int from, int width, int height, float[] dst) {
            if (angle == 0) {
                // the unturned window: rows and columns map separately (the sampling of earlier versions)
                PlaneOps.zoomWindow(src, from, width, height, left, top, zoom, dst, 0);
                return;
            }
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            double centreX = left + width / (2 * zoom);
            double centreY = top + height / (2 * zoom);
            for (int y = 0; y < height; y++) {
                double v = (y + 0.5 - height / 2.0) / zoom;
                for (int x = 0; x < width; x++) {
                    double u = (x + 0.5 - width / 2.0) / zoom;
                    dst[y * width + x] = PlaneOps.bilinear(
                            src,
                            from,
                            width,
                            height,
                            centreX + cos * u - sin * v - 0.5,
                            centreY + sin * u + cos * v - 0.5);
                }
            }
        }
    }

    private void copy(float[] src, int from, float[] dst, int to, boolean flip, float gain) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int sx = flip ? width - 1 - x : x;
                float v = src[from + y * width + sx] * gain;
                dst[to + y * width + x] = gain == 1f ? v : Math.min(1f, v);
            }
        }
    }
}
