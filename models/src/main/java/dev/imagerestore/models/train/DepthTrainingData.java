package dev.imagerestore.models.train;

import dev.imagerestore.models.depth.NyuV2;
import dev.imagerestore.models.depth.internal.PlaneOps;
import dev.imagerestore.models.image.FloatImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The NYUv2 training split (i < 1300) held in memory at the depth estimator's input size, with the
 * random augmentations of a training step: a horizontal flip, a global brightness gain in
 * [0.8, 1.2] and per-channel gains in [0.9, 1.1], and optionally a zoom (all as in Eigen et al.
 * 2014). Depth is area-averaged to the input size and stored as log metres. Not thread-safe.
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

    /**
     * Draws {@code batch} augmented pairs. With {@code maxZoom > 1} each pair is also zoomed by a
     * factor s uniform in [1, maxZoom], the scale augmentation of Eigen et al. 2014: a window of
     * 1/s of the image at a random place is resampled (bilinear) to the input size and its depths
     * are divided by s, as if the camera had moved s times closer. With {@code maxZoom = 1} the draws
     * and the batch are those of {@link #sample(SplittableRandom, int)}.
     */
    public Batch sample(SplittableRandom random, int batch, double maxZoom) {
        if (!(maxZoom >= 1)) {
            throw new IllegalArgumentException("maxZoom must be >= 1, got " + maxZoom);
        }
        int plane = height * width;
        float[] images = new float[batch * 3 * plane];
        float[] depths = new float[batch * plane];
        float[] zoomed = maxZoom > 1 ? new float[plane] : null;
        for (int b = 0; b < batch; b++) {
            int i = random.nextInt(size());
            boolean flip = random.nextBoolean();
            double brightness = 0.8 + 0.4 * random.nextDouble();
            float[] gains = new float[3];
            for (int c = 0; c < 3; c++) {
                gains[c] = (float) (brightness * (0.9 + 0.2 * random.nextDouble()));
            }
            if (zoomed == null) {
                for (int c = 0; c < 3; c++) {
                    copy(rgb.get(i), c * plane, images, (b * 3 + c) * plane, flip, gains[c]);
                }
                copy(logDepth.get(i), 0, depths, b * plane, flip, 1f);
                continue;
            }
            double zoom = 1 + (maxZoom - 1) * random.nextDouble();
            double left = (width - width / zoom) * random.nextDouble();
            double top = (height - height / zoom) * random.nextDouble();
            for (int c = 0; c < 3; c++) {
                zoom(rgb.get(i), c * plane, zoom, left, top, zoomed);
                copy(zoomed, 0, images, (b * 3 + c) * plane, flip, gains[c]);
            }
            zoom(logDepth.get(i), 0, zoom, left, top, zoomed);
            float shift = (float) Math.log(zoom);
            for (int k = 0; k < plane; k++) {
                zoomed[k] -= shift;
            }
            copy(zoomed, 0, depths, b * plane, flip, 1f);
        }
        return new Batch(images, depths);
    }

    /** Bilinear resampling of the window (left, top, width / zoom, height / zoom) of a plane to the full size. */
    private void zoom(float[] src, int from, double zoom, double left, double top, float[] dst) {
        for (int y = 0; y < height; y++) {
            double sy = Math.min(height - 1, Math.max(0, top + (y + 0.5) / zoom - 0.5));
            int y0 = Math.min(height - 2, (int) sy);
            double fy = sy - y0;
            for (int x = 0; x < width; x++) {
                double sx = Math.min(width - 1, Math.max(0, left + (x + 0.5) / zoom - 0.5));
                int x0 = Math.min(width - 2, (int) sx);
                double fx = sx - x0;
                int k = from + y0 * width + x0;
                double upper = src[k] * (1 - fx) + src[k + 1] * fx;
                double lower = src[k + width] * (1 - fx) + src[k + width + 1] * fx;
                dst[y * width + x] = (float) (upper * (1 - fy) + lower * fy);
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
