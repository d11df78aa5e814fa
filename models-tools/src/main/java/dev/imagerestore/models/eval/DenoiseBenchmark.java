package dev.imagerestore.models.eval;

import dev.imagerestore.models.degrade.Awgn;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.models.restore.Denoiser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The denoising benchmark behind {@code eval denoise}: for each clean image, adds Gaussian noise
 * ({@link Awgn}, seed {@code seed + index} for the index-th image, unclipped), denoises it with the
 * model (known sigma, or the blind estimate; optionally after saving it as a JPEG, {@link JpegRoundTrip}), optionally with sampler refinement as well, and runs the
 * classical peers on the 8-bit clipped noisy image; everything is scored with {@link Psnr} and
 * {@link Ssim} against the clean image.
 *
 * <p>Build with {@link #builder()}; immutable. Runs on the calling thread.
 */
public final class DenoiseBenchmark {

    private final Denoiser denoiser;
    private final Denoiser refiner;
    private final double sigma;
    private final boolean blind;
    private final long seed;
    private final boolean grayscale;
    private final float jpegQuality;
    private final List<PeerDenoiser> peers;

    private DenoiseBenchmark(Builder b) {
        this.denoiser = b.denoiser;
        this.refiner = b.refiner;
        this.sigma = b.sigma;
        this.blind = b.blind;
        this.seed = b.seed;
        this.grayscale = b.grayscale;
        this.jpegQuality = b.jpegQuality;
        this.peers = List.copyOf(b.peers);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Evaluates the image files in order, reporting each result to {@code progress} as it is done. */
    public DenoiseReport run(String modelName, List<Path> files, Consumer<ImageResult> progress) throws IOException {
        List<ImageResult> results = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            FloatImage clean = ImageFiles.read(files.get(i));
            ImageResult result = evaluate(files.get(i).getFileName().toString(), clean, seed + i);
            progress.accept(result);
            results.add(result);
        }
        return DenoiseReport.of(
                modelName,
                sigma,
                blind,
                seed,
                grayscale,
                refiner == null ? 0 : refiner.refineSteps(),
                denoiser.selfEnsemble(),
                jpegQuality,
                results);
    }

    /** Scores one clean image with noise drawn from {@code noiseSeed}. */
    public ImageResult evaluate(String name, FloatImage image, long noiseSeed) {
        FloatImage clean = grayscale ? image.toOneChannel() : image;
        FloatImage noisy = Awgn.add(clean, sigma, noiseSeed);
        if (jpegQuality > 0) {
            noisy = JpegRoundTrip.of(noisy, jpegQuality);
        }
        double megapixels = clean.pixels() / 1e6;
        long start = System.nanoTime();
        double level = blind ? denoiser.estimateSigma(noisy) : sigma;
        FloatImage restored = denoiser.denoise(noisy, level);
        double seconds = (System.nanoTime() - start) / 1e9;
        Double refinedPsnr = null;
        Double refinedSsim = null;
        Double refinedSpeed = null;
        if (refiner != null) {
            long refineStart = System.nanoTime();
            FloatImage refined = refiner.denoise(noisy, level);
            refinedSpeed = (System.nanoTime() - refineStart) / 1e9 / megapixels;
            refinedPsnr = Psnr.of8Bit(clean, refined);
            refinedSsim = Ssim.of8Bit(clean, refined);
        }
        List<ImageResult.PeerScore> peerScores = new ArrayList<>();
        FloatImage noisy8 = Awgn.quantize8Bit(noisy);
        for (PeerDenoiser peer : peers) {
            peerScores.add(bestOf(peer, clean, noisy8, megapixels));
        }
        return new ImageResult(
                name,
                clean.height(),
                clean.width(),
                clean.channels(),
                Psnr.of8Bit(clean, noisy),
                Ssim.of8Bit(clean, noisy),
                Psnr.of8Bit(clean, restored),
                Ssim.of8Bit(clean, restored),
                seconds / megapixels,
                blind ? level : null,
                blind ? level - sigma : null,
                refinedPsnr,
                refinedSsim,
                refinedSpeed,
                peerScores);
    }

    /** The peer's best PSNR over its parameter sweep (an oracle choice that favours the peer). */
    private ImageResult.PeerScore bestOf(PeerDenoiser peer, FloatImage clean, FloatImage noisy8, double megapixels) {
        ImageResult.PeerScore best = null;
        for (double parameter : peer.sweep(sigma)) {
            long start = System.nanoTime();
            FloatImage out = peer.denoise(noisy8, parameter);
            double speed = (System.nanoTime() - start) / 1e9 / megapixels;
            double psnr = Psnr.of8Bit(clean, out);
            if (best == null || psnr > best.psnr()) {
                best = new ImageResult.PeerScore(
                        peer.name(), peer.parameterName(), parameter, psnr, Ssim.of8Bit(clean, out), speed);
            }
        }
        if (best == null) {
            throw new IllegalStateException("peer " + peer.name() + " offers no parameter for sigma " + sigma);
        }
        return best;
    }

    /** Builder: {@code setDenoiser} and {@code setSigma} are required. */
    public static final class Builder {

        private Denoiser denoiser;
        private Denoiser refiner;
        private double sigma = Double.NaN;
        private boolean blind;
        private long seed;
        private boolean grayscale;
        private float jpegQuality;
        private List<PeerDenoiser> peers = List.of();

        private Builder() {}

        /** The one-step denoiser under test. */
        public Builder setDenoiser(Denoiser value) {
            this.denoiser = Objects.requireNonNull(value, "denoiser");
            return this;
        }

        /** Noise level to add, on the 0-255 scale. */
        public Builder setSigma(double value) {
            this.sigma = value;
            return this;
        }

        /** A second denoiser with refinement steps, scored beside the one-step result. */
        public Builder optRefiner(Denoiser value) {
            this.refiner = value;
            return this;
        }

        /** Estimate the noise level instead of passing the true one. */
        public Builder optBlind(boolean value) {
            this.blind = value;
            return this;
        }

        /** Seed of the added noise (image i uses {@code seed + i}). */
        public Builder optSeed(long value) {
            this.seed = value;
            return this;
        }

        /** Evaluate on the channel mean of colour images. */
        public Builder optGrayscale(boolean value) {
            this.grayscale = value;
            return this;
        }

        /**
         * Save every noisy image as a JPEG of this quality in (0, 1] and denoise what it decodes to
         * ({@link JpegRoundTrip}); 0 (default) keeps the unclipped float noise.
         */
        public Builder optJpegQuality(float value) {
            this.jpegQuality = value;
            return this;
        }

        public Builder optPeers(List<PeerDenoiser> value) {
            this.peers = List.copyOf(value);
            return this;
        }

        public DenoiseBenchmark build() {
            if (denoiser == null) {
                throw new IllegalStateException("no denoiser: call setDenoiser(...)");
            }
            if (!(sigma > 0 && sigma <= 255)) {
                throw new IllegalArgumentException("sigma must be in (0, 255] on the 0-255 scale, got " + sigma);
            }
            if (!(jpegQuality >= 0 && jpegQuality <= 1)) {
                throw new IllegalArgumentException("JPEG quality must be in (0, 1], or 0 for none, got " + jpegQuality);
            }
            if (refiner != null && refiner.refineSteps() == 0) {
                throw new IllegalArgumentException(
                        "the refiner has 0 refine steps; build it with optRefineSteps(n > 0)");
            }
            return new DenoiseBenchmark(this);
        }
    }
}
