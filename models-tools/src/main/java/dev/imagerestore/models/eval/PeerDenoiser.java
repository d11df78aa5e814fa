package dev.imagerestore.models.eval;

import dev.imagerestore.models.image.FloatImage;

/**
 * A classical denoiser that {@code eval denoise --peers} runs beside the diffusion model on the same
 * noisy images. Implementations live outside the job jar (the {@code benchmarks} module's OpenCV
 * non-local means) and are found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.imagerestore.models.eval.PeerDenoiser}. An implementation needs a
 * public no-argument constructor and must be thread-safe.
 *
 * <p>The peer sees the noisy image as an 8-bit file would hold it (clamped and rounded), and is run
 * once per value of its {@link #sweep} parameter; the evaluation keeps the best PSNR per image, an
 * oracle choice that favours the peer.
 */
public interface PeerDenoiser {

    /** Short name for reports, e.g. {@code opencv-nlmeans}. */
    String name();

    /** Name of the swept parameter, e.g. {@code h}. */
    String parameterName();

    /** The parameter values to try for noise of standard deviation {@code pixelSigma} on the 0-255 scale. */
    double[] sweep(double pixelSigma);

    /** Denoises a 1- or 3-channel 8-bit image with one parameter value; same channels and size out. */
    FloatImage denoise(FloatImage noisy, double parameter);
}
