package dev.imagerestore.models.degrade;

/**
 * The probabilities and ranges a {@link Degradations} pipeline draws from, in the spirit of BSRGAN's
 * and Real-ESRGAN's randomised degradation models (Zhang et al., ICCV 2021; Wang et al., ICCVW 2021),
 * re-aimed at scans and photographs rather than at super-resolution. Levels are on the 0-255 scale.
 * The draws are made in a fixed order (see {@link Degradations}), so that a seed and an image id
 * always give the same degradation. Immutable.
 *
 * @param cleanShare probability that an image is left exactly as it is, so a restorer
 *     trained on the pipeline learns to leave clean images alone
 * @param blurShare probability of a mild blur, Gaussian (sigma in {@code blurSigma}) or defocus (a
 *     disk of radius in {@code defocusRadius}), half each
 * @param blurSigma range of the Gaussian blur's standard deviation, pixels
 * @param defocusRadius range of the defocus disk's radius, pixels
 * @param resampleShare probability of shrinking by a factor in {@code resampleFactor} and enlarging back
 * @param resampleFactor range of that factor
 * @param grainShare probability that the first noise is film grain (else Poisson-Gaussian with
 *     {@code shotShare / (1 - grainShare)}, else AWGN)
 * @param shotShare probability that the first noise is signal-dependent (Poisson-Gaussian)
 * @param grainAmplitude range of the grain's mid-tone standard deviation, drawn log-uniformly
 * @param grainCorrelation range of the grain filter's Gaussian sigma in pixels (its correlation length)
 * @param monoGrainShare probability that grain is luma-only (equal in all channels); otherwise each
 *     channel shares a fraction drawn in [0.3, 0.9] of its variance with a common field
 * @param shotGain range of the shot-noise gain {@code a} (variance {@code a * x} on the [0, 1] scale,
 *     in linear light), drawn log-uniformly
 * @param readNoise range of the read noise's standard deviation, drawn log-uniformly
 * @param mosaicShare probability that signal-dependent noise of a colour image is drawn as a camera
 *     makes it: on a Bayer (RGGB) mosaic of the linear image, demosaiced bilinearly and mixed by a
 *     colour-correction matrix, so it is correlated over neighbouring pixels and across channels
 *     (Brooks et al., "Unprocessing Images for Learned Raw Denoising", CVPR 2019); otherwise it is
 *     independent per pixel and channel
 * @param awgnSigma range of the white Gaussian noise's standard deviation, drawn uniformly
 * @param secondNoiseShare probability of a second, weaker noise after the first JPEG (second-order
 *     degradation)
 * @param jpegShare probability of saving as JPEG
 * @param jpegQuality range of the JPEG quality (IJG scale, 1-100)
 * @param secondJpegShare probability of a second JPEG after the first
 * @param quantizeShare probability of rounding to 8 bits when no JPEG was written (a JPEG always is)
 */
public record DegradationModel(
        double cleanShare,
        double blurShare,
        Range blurSigma,
        Range defocusRadius,
        double resampleShare,
        Range resampleFactor,
        double grainShare,
        double shotShare,
        Range grainAmplitude,
        Range grainCorrelation,
        double monoGrainShare,
        Range shotGain,
        Range readNoise,
        double mosaicShare,
        Range awgnSigma,
        double secondNoiseShare,
        double jpegShare,
        Range jpegQuality,
        double secondJpegShare,
        double quantizeShare) {

    /** A closed range {@code [min, max]} of a parameter. */
    public record Range(double min, double max) {

        public Range {
            if (!(min <= max) || !Double.isFinite(min) || !Double.isFinite(max)) {
                throw new IllegalArgumentException("a range needs finite min <= max, got [" + min + ", " + max + "]");
            }
        }

        public static Range of(double value) {
            return new Range(value, value);
        }
    }

    public DegradationModel {
        for (double p : new double[] {
            cleanShare,
            blurShare,
            resampleShare,
            grainShare,
            shotShare,
            monoGrainShare,
            mosaicShare,
            secondNoiseShare,
            jpegShare,
            secondJpegShare,
            quantizeShare
        }) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("every share must be a probability in [0, 1], got " + p);
            }
        }
        if (grainShare + shotShare > 1) {
            throw new IllegalArgumentException(
                    "grainShare + shotShare must be at most 1, got " + grainShare + " + " + shotShare);
        }
        if (jpegQuality.min() < 1 || jpegQuality.max() > 100) {
            throw new IllegalArgumentException("JPEG quality must lie in [1, 100], got " + jpegQuality);
        }
        if (resampleFactor.min() < 1) {
            throw new IllegalArgumentException("the resampling factor must be >= 1, got " + resampleFactor);
        }
        if (grainAmplitude.min() <= 0 || shotGain.min() <= 0 || readNoise.min() <= 0) {
            throw new IllegalArgumentException("log-uniform ranges must be positive: grain " + grainAmplitude
                    + ", shot gain " + shotGain + ", read noise " + readNoise);
        }
    }

    /**
     * The realistic mix the blind restorer is trained on: grain (45 %), camera-like Poisson-Gaussian
     * noise (30 %, 70 % of it through a camera's Bayer mosaic) or white noise (25 %) of levels from barely visible to heavy, JPEG at quality 30-95
     * (60 %, a second time in 20 % of those), occasional mild blur and resampling, a second weaker
     * noise in 20 %, and 8 % of images untouched.
     */
    public static DegradationModel realistic() {
        return new DegradationModel(
                0.08,
                0.2,
                new Range(0.3, 1.0),
                new Range(0.6, 1.4),
                0.15,
                new Range(1.25, 2.0),
                0.45,
                0.30,
                new Range(2, 30),
                new Range(0.5, 2.5),
                0.5,
                new Range(1e-4, 2e-2),
                new Range(0.5, 8),
                0.7,
                new Range(1, 55),
                0.2,
                0.6,
                new Range(30, 95),
                0.2,
                0.8);
    }

    /**
     * Correlated, tone-dependent film grain of level 5-25 always followed by one JPEG at quality 40-90:
     * how scans of prints and negatives usually arrive.
     */
    public static DegradationModel jpegGrain() {
        return new DegradationModel(
                0,
                0,
                Range.of(0),
                Range.of(0),
                0,
                Range.of(1),
                1,
                0,
                new Range(5, 25),
                new Range(0.8, 2.0),
                0.5,
                Range.of(1e-3),
                Range.of(1),
                0,
                Range.of(0),
                0,
                1,
                new Range(40, 90),
                0,
                1);
    }

    /**
     * The camera noise of {@link #realistic()} alone: Poisson-Gaussian noise of its levels, 70 % of it
     * through a Bayer mosaic, then rounded to 8 bits; no grain, blur, resampling or JPEG. For
     * measuring that part of the pipeline against real camera noise ({@code eval noise}).
     */
    public static DegradationModel cameraNoise() {
        DegradationModel r = realistic();
        return new DegradationModel(
                0,
                0,
                r.blurSigma(),
                r.defocusRadius(),
                0,
                r.resampleFactor(),
                0,
                1,
                r.grainAmplitude(),
                r.grainCorrelation(),
                r.monoGrainShare(),
                r.shotGain(),
                r.readNoise(),
                r.mosaicShare(),
                r.awgnSigma(),
                0,
                0,
                r.jpegQuality(),
                0,
                1);
    }

    /**
     * A camera's own JPEG: Poisson-Gaussian noise of {@link #realistic()}'s levels, always through a
     * Bayer mosaic, then one JPEG at quality 80-97 (4:2:0), as cameras and phones save; no grain, blur
     * or resampling. With {@link CameraProcessing#inCamera()} it is the {@code camera-jpeg} pipeline.
     */
    public static DegradationModel cameraJpeg() {
        DegradationModel r = realistic();
        return new DegradationModel(
                0,
                0,
                r.blurSigma(),
                r.defocusRadius(),
                0,
                r.resampleFactor(),
                0,
                1,
                r.grainAmplitude(),
                r.grainCorrelation(),
                r.monoGrainShare(),
                r.shotGain(),
                r.readNoise(),
                1,
                r.awgnSigma(),
                0,
                1,
                new Range(80, 97),
                0,
                1);
    }

    /** White Gaussian noise of exactly {@code sigma}, unclipped and unrounded: the published benchmarks' setting. */
    public static DegradationModel awgn(double sigma) {
        return new DegradationModel(
                0,
                0,
                Range.of(0),
                Range.of(0),
                0,
                Range.of(1),
                0,
                0,
                Range.of(1),
                Range.of(1),
                0,
                Range.of(1e-3),
                Range.of(1),
                0,
                Range.of(sigma),
                0,
                0,
                Range.of(95),
                0,
                0);
    }

    /** No degradation at all: the image as given, not even rounded. */
    public static DegradationModel none() {
        return new DegradationModel(
                1,
                0,
                Range.of(0),
                Range.of(0),
                0,
                Range.of(1),
                0,
                0,
                Range.of(1),
                Range.of(1),
                0,
                Range.of(1e-3),
                Range.of(1),
                0,
                Range.of(0),
                0,
                0,
                Range.of(95),
                0,
                0);
    }
}
