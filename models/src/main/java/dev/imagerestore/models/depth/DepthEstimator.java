package dev.imagerestore.models.depth;

import ai.djl.Device;
import dev.imagerestore.models.image.FloatImage;

/**
 * A monocular depth estimator: one RGB image in, a depth map at the image's size out. Made by
 * {@link DepthEstimators}.
 *
 * <p>Threading: implementations hold a loaded network and a predictor and are confined to one
 * thread at a time; open one per worker. Close to free the native memory.
 */
public interface DepthEstimator extends AutoCloseable {

    /** Estimates the depth of {@code image} (1 or 3 channels, values in [0, 1]). */
    DepthMap estimate(FloatImage image);

    /** A short description for run reports, e.g. {@code built-in depth-small (models/zoo/depth-small; flip and 5 windows at zoom 1.25)}. */
    String describe();

    /** The device the network runs on: the one it was loaded onto. */
    Device device();

    @Override
    void close();
}
