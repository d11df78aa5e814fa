package dev.imagerestore.models.eval;

import java.util.List;

/**
 * The scores of one evaluated image. Quality figures follow {@link Psnr} and {@link Ssim}; speeds are
 * wall-clock seconds per megapixel of the image. Fields that a run did not measure are {@code null}:
 * the sigma estimate outside blind mode, the refined scores without refinement. Immutable.
 *
 * @param estimatedSigma the blind estimate of the noise level (0-255 scale)
 * @param sigmaError {@code estimatedSigma - sigma}
 * @param peers the scores of the classical peers, at the best parameter of their sweep
 */
public record ImageResult(
        String file,
        int height,
        int width,
        int channels,
        double noisyPsnr,
        double noisySsim,
        double psnr,
        double ssim,
        double secondsPerMegapixel,
        Double estimatedSigma,
        Double sigmaError,
        Double refinedPsnr,
        Double refinedSsim,
        Double refinedSecondsPerMegapixel,
        List<PeerScore> peers) {

    public ImageResult {
        peers = peers == null ? List.of() : List.copyOf(peers);
    }

    /** One peer's best result on an image. */
    public record PeerScore(
            String name,
            String parameterName,
            double parameter,
            double psnr,
            double ssim,
            double secondsPerMegapixel) {}
}
