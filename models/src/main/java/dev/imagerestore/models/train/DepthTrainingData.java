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
 * [0.8, 1.2] and per-channel gains in [0.9, 1.1] (as in Eigen et al. 2014). Depth is area-averaged
 * to the input size and stored as log metres. Not thread-safe.
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

    /** Draws {@code batch} augmented pairs. */
    public Batch sample(SplittableRandom random, int batch) {
        int plane = height * width;
        float[] images = new float[batch * 3 * plane];
        float[] depths = new float[batch * plane];
        for (int b = 0; b < batch; b++) {
            int i = random.nextInt(size());
            boolean flip = random.nextBoolean();
            double brightness = 0.8 + 0.4 * random.nextDouble();
            for (int c = 0; c < 3; c++) {
                float gain = (float) (brightness * (0.9 + 0.2 * random.nextDouble()));
                copy(rgb.get(i), c * plane, images, (b * 3 + c) * plane, flip, gain);
            }
            copy(logDepth.get(i), 0, depths, b * plane, flip, 1f);
        }
        return new Batch(images, depths);
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
