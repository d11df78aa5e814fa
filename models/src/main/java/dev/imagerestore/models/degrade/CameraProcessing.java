package dev.imagerestore.models.degrade;

import dev.imagerestore.models.degrade.DegradationModel.Range;

/**
 * What a camera's own processing does to the sensor noise it demosaiced, before it writes a JPEG:
 * noise reduction, strong on chroma and mild on luma, which takes the fine noise away and leaves
 * larger, blotchy colour noise and a softer grain. {@link Degradations} applies it to the noise of
 * the camera-noise step only (the image keeps its detail), as a low-pass of the noise's luma and
 * chroma (BT.601 Y, B - Y and R - Y) with Gaussians of sigma drawn in {@code chromaSigma} and
 * {@code lumaSigma} pixels. Immutable.
 *
 * @param share probability that camera noise is processed so
 * @param chromaSigma range of the chroma low-pass's sigma, pixels
 * @param lumaSigma range of the luma low-pass's sigma, pixels; below 0.3 the luma is left as it is
 */
public record CameraProcessing(double share, Range chromaSigma, Range lumaSigma) {

    public CameraProcessing {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(
                    "the camera-processing share must be a probability in [0, 1], got " + share);
        }
        if (chromaSigma.min() < 0 || lumaSigma.min() < 0) {
            throw new IllegalArgumentException(
                    "noise-reduction sigmas must be >= 0, got chroma " + chromaSigma + " and luma " + lumaSigma);
        }
    }

    /** No camera processing: the sensor noise as demosaiced. */
    public static CameraProcessing none() {
        return new CameraProcessing(0, Range.of(0), Range.of(0));
    }

    /**
     * The mix of {@code realistic-camera}: 70 % of camera noise processed, chroma low-passed over 1-3
     * px, luma over 0-1 px (none below 0.3), as phone and camera JPEGs at high ISO show it.
     */
    public static CameraProcessing typical() {
        return new CameraProcessing(0.7, new Range(1, 3), new Range(0, 1));
    }
}
