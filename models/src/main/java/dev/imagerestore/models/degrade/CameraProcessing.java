package dev.imagerestore.models.degrade;

import dev.imagerestore.models.degrade.DegradationModel.Range;

/**
 * What a camera's own processing does to the sensor noise it demosaiced, before it writes a JPEG:
 * noise reduction, strong on chroma and mild on luma, which takes the fine noise away and leaves
 * larger, blotchy colour noise and a softer grain. {@link Degradations} applies it to the noise of
 * the camera-noise step only (the image keeps its detail), as a low-pass of the noise's luma and
 * chroma (BT.601 Y, B - Y and R - Y) with Gaussians of sigma drawn in {@code chromaSigma} and
 * {@code lumaSigma} pixels.
 *
 * <p>Two further traits of in-camera JPEGs, each off in {@link #typical()}:
 * <ul>
 *   <li><b>edge-aware luma noise reduction</b> ({@code edgeKeep} above 0): cameras smooth flat areas
 *       and spare edges and texture, so their noise is low where the picture is flat and several
 *       times higher on detail (PolyU's camera JPEGs: 2.3 levels where neighbours differ by under 1
 *       level, 9.6 where they differ by 32 or more). The luma low-pass is blended out where the
 *       picture's local contrast (its largest step to a neighbour) passes {@code k} times the luma
 *       noise's level, {@code k} drawn in {@code edgeKeep}: the share of noise kept is
 *       {@code 1 - exp(-(step / (k sigma))^2)};
 *   <li><b>an S-shaped tone curve</b> ({@code toneCurve}): the linear image goes through the gamma and
 *       then the smoothstep curve {@code 3g^2 - 2g^3} that Brooks et al. ("Unprocessing Images for
 *       Learned Raw Denoising", CVPR 2019) fit to camera output, so the noise is compressed in the
 *       deepest shadows and the highlights and peaks in the dark mid-tones, as in camera JPEGs; the
 *       result is clipped to [0, 1] as a camera's is.
 * </ul>
 * Immutable.
 *
 * @param share probability that camera noise is processed so
 * @param chromaSigma range of the chroma low-pass's sigma, pixels
 * @param lumaSigma range of the luma low-pass's sigma, pixels; below 0.3 the luma is left as it is
 * @param edgeKeep range of the edge threshold {@code k} in units of the luma noise's level; 0 (both
 *     ends) low-passes the luma everywhere
 * @param toneCurve whether the noisy linear image goes through the S-shaped tone curve rather than
 *     the plain gamma
 */
public record CameraProcessing(double share, Range chromaSigma, Range lumaSigma, Range edgeKeep, boolean toneCurve) {

    public CameraProcessing {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(
                    "the camera-processing share must be a probability in [0, 1], got " + share);
        }
        if (chromaSigma.min() < 0 || lumaSigma.min() < 0) {
            throw new IllegalArgumentException(
                    "noise-reduction sigmas must be >= 0, got chroma " + chromaSigma + " and luma " + lumaSigma);
        }
        if (edgeKeep.min() < 0) {
            throw new IllegalArgumentException(
                    "the edge threshold must be >= 0 (0: no edge-aware reduction), got " + edgeKeep);
        }
    }

    /** Noise reduction of luma and chroma only: no edge awareness, the plain gamma. */
    public CameraProcessing(double share, Range chromaSigma, Range lumaSigma) {
        this(share, chromaSigma, lumaSigma, Range.of(0), false);
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

    /**
     * A camera writing its own JPEG, every time: chroma low-passed over 3-6 px, luma over 1-2 px where
     * the picture is flat and spared where its local contrast passes 0.5-1.5 times the noise's level,
     * then the S-shaped tone curve. The noise of {@code camera-jpeg}.
     */
    public static CameraProcessing inCamera() {
        return new CameraProcessing(1, new Range(3, 6), new Range(1.0, 2.0), new Range(0.5, 1.5), true);
    }

    boolean edgeAware() {
        return edgeKeep.max() > 0;
    }
}
