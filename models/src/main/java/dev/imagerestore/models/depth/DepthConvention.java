package dev.imagerestore.models.depth;

import java.util.Locale;

/** What the values of a depth map mean: distance (larger = farther) or inverse distance (larger = nearer). */
public enum DepthConvention {
    /** Larger values are farther (a Kinect or NYUv2 depth PNG). */
    DEPTH,
    /** Larger values are nearer (inverse depth, as MiDaS and Stable Diffusion 2's depth model use). */
    DISPARITY;

    /** Parses {@code depth} or {@code disparity}, naming the accepted values when it fails. */
    public static DepthConvention parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "depth convention must be 'depth' or 'disparity', got '" + value + "'", e);
        }
    }
}
