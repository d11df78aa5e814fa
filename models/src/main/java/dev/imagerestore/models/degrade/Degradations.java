package dev.imagerestore.models.degrade;

import dev.imagerestore.models.degrade.DegradationModel.Range;
import dev.imagerestore.models.degrade.internal.JpegCodec;
import dev.imagerestore.models.degrade.internal.Planes;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.PlaneOps;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A seeded, randomised degradation pipeline for training and evaluating blind restoration: scanner
 * and camera noise, film grain, JPEG and mild blur, composed at random per image as BSRGAN composes
 * its degradations (Zhang et al., "Designing a Practical Degradation Model for Deep Blind Image
 * Super-Resolution", ICCV 2021) and as KAIR's {@code utils_blindsr} writes them: small functions
 * applied in a fixed order with per-image random parameters.
 *
 * <p>The order, each step drawn with the probabilities of the {@link DegradationModel}:
 * <ol>
 *   <li>nothing at all ({@code cleanShare}): the image is returned as it is;
 *   <li>blur: Gaussian or defocus (a disk);
 *   <li>resampling: shrink and enlarge back;
 *   <li>the first noise, one of three:
 *     <ul>
 *       <li>film grain: white noise filtered by a Gaussian of sigma {@code c} (its correlation
 *           length: the grain's autocorrelation at lag {@code d} is {@code exp(-d^2 / (4 c^2))}),
 *           rescaled to unit variance, luma-only or with channels sharing part of their variance,
 *           with a standard deviation that is largest in the mid-tones
 *           ({@code A (0.3 + 0.7 * 4 L (1 - L))}, {@code L} the local luma) as on prints and film;
 *       <li>signal-dependent camera noise (Poisson-Gaussian, Foi et al., IEEE TIP 2008) in linear
 *           light: variance {@code a x + b^2}, then back through the sRGB-like gamma 2.2, so that
 *           shadows are noisier than a white-noise model says;
 *       <li>white Gaussian noise, independent per channel (equal across channels for grayscale);
 *     </ul>
 *   <li>JPEG at a random quality with 4:2:0 chroma;
 *   <li>a second, weaker noise (second-order degradation, Real-ESRGAN) and a second JPEG;
 *   <li>rounding to 8 bits (always after a JPEG).
 * </ol>
 *
 * <p>Every draw for image {@code id} comes from one generator seeded by {@code (seed, id)}, so an
 * image's degradation does not depend on which other images were degraded before it, on threads or
 * on batching. One-channel images are degraded as one channel (their noise is what a grayscale scan
 * has). Immutable and thread-safe.
 */
public final class Degradations {

    private final String name;
    private final DegradationModel model;
    private final CameraProcessing camera;
    private final long seed;
    /** Another pipeline that degrades a share of the images instead of this one, or null. */
    private final Degradations instead;

    private final double insteadShare;

    private Degradations(String name, DegradationModel model, CameraProcessing camera, long seed) {
        this(name, model, camera, seed, null, 0);
    }

    private Degradations(
            String name,
            DegradationModel model,
            CameraProcessing camera,
            long seed,
            Degradations instead,
            double insteadShare) {
        this.name = name;
        this.model = Objects.requireNonNull(model, "model");
        this.camera = Objects.requireNonNull(camera, "camera");
        this.seed = seed;
        this.instead = instead;
        this.insteadShare = insteadShare;
    }

    private Degradations(String name, DegradationModel model, long seed) {
        this(name, model, CameraProcessing.none(), seed);
    }

    /** A pipeline drawing from {@code model}; {@code name} is how reports and cards call it. */
    public static Degradations of(String name, DegradationModel model, long seed) {
        return new Degradations(name, model, seed);
    }

    /** As above, with the camera noise processed as {@code camera} says. */
    public static Degradations of(String name, DegradationModel model, CameraProcessing camera, long seed) {
        return new Degradations(name, model, camera, seed);
    }

    /**
     * The named pipeline: {@code realistic}, {@code realistic-camera} (the same, with camera noise
     * mostly processed as {@link CameraProcessing#typical()} says), {@code jpeg-grain},
     * {@code camera-noise} ({@link DegradationModel#cameraNoise()}), {@code camera-jpeg} (a camera's
     * own JPEG: {@link DegradationModel#cameraJpeg()} with {@link CameraProcessing#inCamera()}),
     * {@code awgn:SIGMA} (white noise of SIGMA on the 0-255 scale, unclipped, as the published
     * benchmarks add it), {@code none}, or a mixture {@code A+B@SHARE} of two of them (B on a share of
     * the images, A on the rest).
     *
     * @throws IllegalArgumentException naming the spec and the names that exist
     */
    public static Degradations parse(String spec, long seed) {
        Objects.requireNonNull(spec, "spec");
        String s = spec.trim().toLowerCase(Locale.ROOT);
        int plus = s.indexOf('+');
        if (plus >= 0) {
            return parseMixture(spec, s, plus, seed);
        }
        if (s.startsWith("awgn:")) {
            double sigma;
            try {
                sigma = Double.parseDouble(s.substring(5));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "degradation '" + spec + "' needs a number after awgn:, e.g. awgn:25");
            }
            if (!(sigma >= 0 && sigma <= 255)) {
                throw new IllegalArgumentException("degradation '" + spec + "': sigma must lie in [0, 255]");
            }
            return new Degradations(s, DegradationModel.awgn(sigma), seed);
        }
        return switch (s) {
            case "realistic" -> new Degradations(s, DegradationModel.realistic(), seed);
            case "realistic-camera" ->
                new Degradations(s, DegradationModel.realistic(), CameraProcessing.typical(), seed);
            case "jpeg-grain" -> new Degradations(s, DegradationModel.jpegGrain(), seed);
            case "camera-noise" -> new Degradations(s, DegradationModel.cameraNoise(), seed);
            case "camera-jpeg" -> new Degradations(s, DegradationModel.cameraJpeg(), CameraProcessing.inCamera(), seed);
            case "none" -> new Degradations(s, DegradationModel.none(), seed);
            default ->
                throw new IllegalArgumentException("unknown degradation '" + spec
                        + "'; use realistic, realistic-camera, jpeg-grain, camera-noise, camera-jpeg, awgn:SIGMA "
                        + "(e.g. awgn:25), none, or two of them mixed as A+B@SHARE (e.g. realistic+camera-jpeg@0.3)");
        };
    }

    /**
     * {@code A+B@SHARE}: pipeline B degrades a share SHARE of the images (drawn per image from the
     * seed, apart from both pipelines' own draws), A the rest; each keeps its own draws, so an image
     * that A degrades is degraded exactly as A alone would.
     */
    private static Degradations parseMixture(String spec, String s, int plus, long seed) {
        String first = s.substring(0, plus);
        String rest = s.substring(plus + 1);
        int at = rest.lastIndexOf('@');
        if (at < 0 || first.isEmpty() || rest.contains("+")) {
            throw new IllegalArgumentException("degradation '" + spec
                    + "': a mixture is A+B@SHARE of two pipelines, e.g. realistic+camera-jpeg@0.3");
        }
        double share;
        try {
            share = Double.parseDouble(rest.substring(at + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "degradation '" + spec + "': the share after @ must be a number in (0, 1), e.g. @0.3");
        }
        if (!(share > 0 && share < 1)) {
            throw new IllegalArgumentException(
                    "degradation '" + spec + "': the share after @ must lie in (0, 1), got " + share);
        }
        Degradations a = parse(first, seed);
        Degradations b = parse(rest.substring(0, at), seed);
        return new Degradations(s, a.model, a.camera, seed, b, share);
    }

    public String name() {
        return name;
    }

    public DegradationModel model() {
        return model;
    }

    public long seed() {
        return seed;
    }

    /** {@code clean} degraded as image {@code id} of this pipeline's seed. */
    public Degraded apply(FloatImage clean, long id) {
        if (clean.channels() != 1 && clean.channels() != 3) {
            throw new IllegalArgumentException("degradations take 1- or 3-channel images, got " + clean.channels());
        }
        if (instead != null && new SplittableRandom(mix(~seed, id)).nextDouble() < insteadShare) {
            return instead.apply(clean, id);
        }
        SplittableRandom random = new SplittableRandom(mix(seed, id));
        if (random.nextDouble() < model.cleanShare()) {
            return new Degraded(clean, List.of(), 0);
        }
        int channels = clean.channels();
        int h = clean.height();
        int w = clean.width();
        float[] x = clean.withBitDepth(8).toArray();
        List<String> steps = new ArrayList<>();
        if (random.nextDouble() < model.blurShare()) {
            x = blur(x, channels, h, w, random, steps);
        }
        if (random.nextDouble() < model.resampleShare()) {
            x = resample(x, channels, h, w, random, steps);
        }
        x = noise(x, channels, h, w, random, 1.0, steps);
        boolean jpeg = false;
        if (random.nextDouble() < model.jpegShare()) {
            x = jpeg(x, channels, h, w, random, steps);
            jpeg = true;
        }
        if (random.nextDouble() < model.secondNoiseShare()) {
            x = noise(x, channels, h, w, random, 0.5, steps);
            jpeg = false;
        }
        if (jpeg && random.nextDouble() < model.secondJpegShare()) {
            x = jpeg(x, channels, h, w, random, steps);
        }
        if (!jpeg && random.nextDouble() < model.quantizeShare()) {
            x = quantize(x);
            steps.add("round8");
        }
        FloatImage image = FloatImage.wrap(channels, h, w, clean.bitDepth(), x);
        return new Degraded(image, steps, clean.rmsChange(image));
    }

    private float[] blur(float[] x, int channels, int h, int w, SplittableRandom random, List<String> steps) {
        boolean gaussian = random.nextBoolean();
        Range range = gaussian ? model.blurSigma() : model.defocusRadius();
        double amount = uniform(random, range);
        if (amount <= 0) {
            return x;
        }
        float[] out = new float[x.length];
        float[] kernel = gaussian ? Planes.gaussianKernel(amount) : null;
        int plane = h * w;
        for (int c = 0; c < channels; c++) {
            float[] p = slice(x, c, plane);
            float[] blurred = gaussian ? Planes.separable(p, h, w, kernel) : Planes.disk(p, h, w, amount);
            System.arraycopy(blurred, 0, out, c * plane, plane);
        }
        steps.add(String.format(Locale.ROOT, gaussian ? "blur(sigma=%.2f)" : "defocus(radius=%.2f)", amount));
        return out;
    }

    private float[] resample(float[] x, int channels, int h, int w, SplittableRandom random, List<String> steps) {
        double factor = uniform(random, model.resampleFactor());
        int sh = Math.max(1, (int) Math.round(h / factor));
        int sw = Math.max(1, (int) Math.round(w / factor));
        int plane = h * w;
        float[] out = new float[x.length];
        for (int c = 0; c < channels; c++) {
            float[] small = Planes.resize(slice(x, c, plane), h, w, sh, sw);
            System.arraycopy(Planes.resize(small, sh, sw, h, w), 0, out, c * plane, plane);
        }
        steps.add(String.format(Locale.ROOT, "resample(factor=%.2f)", factor));
        return out;
    }

    private float[] noise(
            float[] x, int channels, int h, int w, SplittableRandom random, double scale, List<String> steps) {
        double kind = random.nextDouble();
        if (kind < model.grainShare()) {
            return grain(x, channels, h, w, random, scale, steps);
        }
        if (kind < model.grainShare() + model.shotShare()) {
            return poissonGaussian(x, channels, h, w, random, scale, steps);
        }
        double sigma = uniform(random, model.awgnSigma()) * scale;
        float[] n = Planes.normal(random, channels * h * w);
        float[] out = x.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += (float) (sigma / 255 * n[i]);
        }
        steps.add(String.format(Locale.ROOT, "awgn(sigma=%.2f)", sigma));
        return out;
    }

    private float[] grain(
            float[] x, int channels, int h, int w, SplittableRandom random, double scale, List<String> steps) {
        double amplitude = logUniform(random, model.grainAmplitude()) * scale;
        double correlation = uniform(random, model.grainCorrelation());
        boolean mono = channels == 1 || random.nextDouble() < model.monoGrainShare();
        double shared = mono ? 1 : 0.3 + 0.6 * random.nextDouble();
        int plane = h * w;
        float[] kernel = Planes.gaussianKernel(correlation);
        double norm = Planes.norm(kernel) * Planes.norm(kernel);
        float[] common = Planes.separable(Planes.normal(random, plane), h, w, kernel);
        float[][] own = new float[channels][];
        if (!mono) {
            for (int c = 0; c < channels; c++) {
                own[c] = Planes.separable(Planes.normal(random, plane), h, w, kernel);
            }
        }
        float[] out = x.clone();
        double a = Math.sqrt(shared);
        double b = Math.sqrt(1 - shared);
        for (int i = 0; i < plane; i++) {
            double luma = luma(x, channels, plane, i);
            double tone = 0.3 + 0.7 * 4 * luma * (1 - luma);
            double sd = amplitude / 255 * tone / norm;
            for (int c = 0; c < channels; c++) {
                double n = mono ? common[i] : a * common[i] + b * own[c][i];
                out[c * plane + i] += (float) (sd * n);
            }
        }
        steps.add(String.format(
                Locale.ROOT,
                "grain(amplitude=%.2f, correlation=%.2f, %s)",
                amplitude,
                correlation,
                mono ? "mono" : String.format(Locale.ROOT, "shared=%.2f", shared)));
        return out;
    }

    private float[] poissonGaussian(
            float[] x, int channels, int h, int w, SplittableRandom random, double scale, List<String> steps) {
        double gain = logUniform(random, model.shotGain()) * scale * scale;
        double read = logUniform(random, model.readNoise()) * scale / 255;
        if (channels == 3 && random.nextDouble() < model.mosaicShare()) {
            return mosaicNoise(x, h, w, random, gain, read, steps);
        }
        float[] n = Planes.normal(random, channels == 1 ? h * w : channels * h * w);
        int plane = h * w;
        float[] out = new float[x.length];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < plane; i++) {
                double linear = Math.pow(Math.min(1, Math.max(0, x[c * plane + i])), 2.2);
                double noisy = linear + Math.sqrt(gain * linear + read * read) * n[channels == 1 ? i : c * plane + i];
                out[c * plane + i] = (float) (Math.signum(noisy) * Math.pow(Math.abs(noisy), 1 / 2.2));
            }
        }
        steps.add(String.format(Locale.ROOT, "poisson-gaussian(gain=%.5f, read=%.2f)", gain, read * 255));
        return out;
    }

    /**
     * Poisson-Gaussian noise drawn as a camera draws it: the linear image is taken back through a
     * random colour-correction matrix to camera space, sampled on an RGGB Bayer mosaic, the noise of
     * each photosite drawn from its own level there, demosaiced bilinearly, brought forward through the
     * matrix and added to the linear image before the gamma curve. Only the noise goes through the
     * mosaic, so the signal stays sharp and the noise gets a camera's spatial and cross-channel
     * correlation.
     */
    private float[] mosaicNoise(
            float[] x, int h, int w, SplittableRandom random, double gain, double read, List<String> steps) {
        double saturation = 1.2 + 0.6 * random.nextDouble();
        double[][] ccm = colourCorrection(saturation, random);
        double[][] inverse = invert(ccm);
        boolean tone = camera.toneCurve();
        int plane = h * w;
        float[] linear = new float[3 * plane];
        for (int i = 0; i < 3 * plane; i++) {
            linear[i] = (float) toLinear(x[i], tone);
        }
        float[][] sparse = new float[3][plane];
        float[] n = Planes.normal(random, plane);
        for (int y = 0; y < h; y++) {
            for (int xx = 0; xx < w; xx++) {
                int i = y * w + xx;
                int c = (y & 1) == 0 ? ((xx & 1) == 0 ? 0 : 1) : ((xx & 1) == 0 ? 1 : 2);
                double raw = inverse[c][0] * linear[i]
                        + inverse[c][1] * linear[plane + i]
                        + inverse[c][2] * linear[2 * plane + i];
                raw = Math.max(0, raw);
                sparse[c][i] = (float) (Math.sqrt(gain * raw + read * read) * n[i]);
            }
        }
        float[][] dense = new float[3][];
        for (int c = 0; c < 3; c++) {
            dense[c] = demosaic(sparse[c], h, w, c == 1);
        }
        // the camera's noise reduction, when drawn; without it the noise is added as it always was
        float[][] reduced = null;
        String processed = "";
        if (camera.share() > 0 && random.nextDouble() < camera.share()) {
            double chroma = uniform(random, camera.chromaSigma());
            double luma = uniform(random, camera.lumaSigma());
            reduced = new float[3][plane];
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < plane; i++) {
                    reduced[c][i] =
                            (float) (ccm[c][0] * dense[0][i] + ccm[c][1] * dense[1][i] + ccm[c][2] * dense[2][i]);
                }
            }
            float[] keep = null;
            if (camera.edgeAware()) {
                double k = uniform(random, camera.edgeKeep());
                keep = edgeKeep(x, linear, reduced, h, w, k, tone);
                processed = String.format(Locale.ROOT, ", edge-k=%.2f", k);
            }
            reduceNoise(reduced, h, w, chroma, luma, keep);
            processed = String.format(Locale.ROOT, ", nr-chroma=%.2f, nr-luma=%.2f", chroma, luma) + processed;
        }
        float[] out = new float[3 * plane];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane; i++) {
                double noisy = reduced != null
                        ? linear[c * plane + i] + reduced[c][i]
                        : linear[c * plane + i]
                                + ccm[c][0] * dense[0][i]
                                + ccm[c][1] * dense[1][i]
                                + ccm[c][2] * dense[2][i];
                out[c * plane + i] = (float) toDisplay(noisy, tone);
            }
        }
        steps.add(String.format(
                Locale.ROOT,
                "camera-noise(gain=%.5f, read=%.2f, saturation=%.2f%s%s)",
                gain,
                read * 255,
                saturation,
                processed,
                tone ? ", s-curve" : ""));
        return out;
    }

    /** Display value to linear light: the gamma 2.2 inverted, through the inverse smoothstep first with {@code tone}. */
    static double toLinear(double display, boolean tone) {
        double v = Math.min(1, Math.max(0, display));
        if (tone) {
            v = 0.5 - Math.sin(Math.asin(1 - 2 * v) / 3);
        }
        return Math.pow(v, 2.2);
    }

    /**
     * Linear light to display: the gamma 2.2, then with {@code tone} the smoothstep curve and a clip to
     * [0, 1]; without it negative values keep their sign (unclipped, as the plain pipeline always was).
     */
    static double toDisplay(double linear, boolean tone) {
        if (!tone) {
            return Math.signum(linear) * Math.pow(Math.abs(linear), 1 / 2.2);
        }
        double g = Math.min(1, Math.pow(Math.max(0, linear), 1 / 2.2));
        return g * g * (3 - 2 * g);
    }

    /**
     * The share of the luma noise an edge-aware noise reduction keeps at each pixel: {@code 1 -
     * exp(-(step / (k sigma))^2)}, {@code step} the clean picture's largest luma step to a neighbour
     * and {@code sigma} the luma noise's level, both in display levels (the noise's level taken through
     * the display curve's slope at each pixel).
     */
    private static float[] edgeKeep(
            float[] display, float[] linear, float[][] noise, int h, int w, double k, boolean tone) {
        int plane = h * w;
        float[] luma = new float[plane];
        double squares = 0;
        for (int i = 0; i < plane; i++) {
            luma[i] = (float) (0.299 * display[i] + 0.587 * display[plane + i] + 0.114 * display[2 * plane + i]);
            double l = 0.299 * linear[i] + 0.587 * linear[plane + i] + 0.114 * linear[2 * plane + i];
            double slope = (toDisplay(l + 1e-3, tone) - toDisplay(Math.max(0, l - 1e-3), tone))
                    / (l + 1e-3 - Math.max(0, l - 1e-3));
            double y = 0.299 * noise[0][i] + 0.587 * noise[1][i] + 0.114 * noise[2][i];
            squares += (slope * y) * (slope * y);
        }
        double threshold = k * Math.sqrt(squares / plane);
        float[] keep = PlaneOps.largestNeighbourStep(luma, h, w);
        for (int i = 0; i < plane; i++) {
            double t = threshold > 0 ? keep[i] / threshold : Double.POSITIVE_INFINITY;
            keep[i] = (float) (1 - Math.exp(-t * t));
        }
        return keep;
    }

    /**
     * A camera's noise reduction on the noise planes {@code rgb} (in place): their BT.601 luma and
     * colour differences are low-passed by Gaussians of {@code chromaSigma} and {@code lumaSigma}
     * pixels (a sigma below 0.3 leaves its planes as they are).
     */
    static void reduceNoise(float[][] rgb, int h, int w, double chromaSigma, double lumaSigma) {
        reduceNoise(rgb, h, w, chromaSigma, lumaSigma, null);
    }

    /**
     * As above, the luma's low-pass blended out per pixel: {@code keep[i]} is the share of the luma
     * noise left as it was at pixel {@code i} (null: none, the low-pass everywhere).
     */
    static void reduceNoise(float[][] rgb, int h, int w, double chromaSigma, double lumaSigma, float[] keep) {
        int plane = h * w;
        float[] y = new float[plane];
        float[] cb = new float[plane];
        float[] cr = new float[plane];
        for (int i = 0; i < plane; i++) {
            y[i] = 0.299f * rgb[0][i] + 0.587f * rgb[1][i] + 0.114f * rgb[2][i];
            cb[i] = rgb[2][i] - y[i];
            cr[i] = rgb[0][i] - y[i];
        }
        if (lumaSigma >= 0.3) {
            float[] smooth = Planes.separable(y, h, w, Planes.gaussianKernel(lumaSigma));
            if (keep != null) {
                for (int i = 0; i < plane; i++) {
                    smooth[i] = keep[i] * y[i] + (1 - keep[i]) * smooth[i];
                }
            }
            y = smooth;
        }
        if (chromaSigma >= 0.3) {
            float[] kernel = Planes.gaussianKernel(chromaSigma);
            cb = Planes.separable(cb, h, w, kernel);
            cr = Planes.separable(cr, h, w, kernel);
        }
        for (int i = 0; i < plane; i++) {
            float r = y[i] + cr[i];
            float b = y[i] + cb[i];
            rgb[0][i] = r;
            rgb[2][i] = b;
            rgb[1][i] = (y[i] - 0.299f * r - 0.114f * b) / 0.587f;
        }
    }

    /**
     * A colour-correction matrix whose rows sum to one (grey stays grey): {@code saturation} times the
     * identity minus the surplus spread over the other channels unevenly, as real matrices are.
     */
    private static double[][] colourCorrection(double saturation, SplittableRandom random) {
        double[][] m = new double[3][3];
        for (int r = 0; r < 3; r++) {
            double share = 0.3 + 0.4 * random.nextDouble();
            int a = (r + 1) % 3;
            int b = (r + 2) % 3;
            m[r][r] = saturation;
            m[r][a] = -(saturation - 1) * share;
            m[r][b] = -(saturation - 1) * (1 - share);
        }
        return m;
    }

    private static double[][] invert(double[][] m) {
        double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
        double[][] inv = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                int r1 = (c + 1) % 3;
                int r2 = (c + 2) % 3;
                int c1 = (r + 1) % 3;
                int c2 = (r + 2) % 3;
                inv[r][c] = (m[r1][c1] * m[r2][c2] - m[r1][c2] * m[r2][c1]) / det;
            }
        }
        return inv;
    }

    /**
     * Bilinear demosaicing of one colour's photosites ({@code sparse} is zero elsewhere): green with the
     * cross kernel, red and blue with the 3x3 tent, mirrored at the borders.
     */
    static float[] demosaic(float[] sparse, int h, int w, boolean green) {
        float[] out = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double sum = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        double k = green
                                ? (dy == 0 && dx == 0 ? 1 : (dy == 0 || dx == 0) ? 0.25 : 0)
                                : (dy == 0 && dx == 0 ? 1 : (dy == 0 || dx == 0) ? 0.5 : 0.25);
                        if (k != 0) {
                            sum += k * sparse[mirror(y + dy, h) * w + mirror(x + dx, w)];
                        }
                    }
                }
                out[y * w + x] = (float) sum;
            }
        }
        return out;
    }

    private static int mirror(int i, int n) {
        if (n == 1) {
            return 0;
        }
        return i < 0 ? -i : i >= n ? 2 * n - 2 - i : i;
    }

    private float[] jpeg(float[] x, int channels, int h, int w, SplittableRandom random, List<String> steps) {
        int quality = (int) Math.round(uniform(random, model.jpegQuality()));
        FloatImage image = FloatImage.wrap(channels, h, w, 8, x);
        steps.add("jpeg(quality=" + quality + ")");
        return JpegCodec.roundTrip(image, quality / 100f).toArray();
    }

    private static float[] quantize(float[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            float v = Math.min(1f, Math.max(0f, x[i]));
            out[i] = Math.round(v * 255) / 255f;
        }
        return out;
    }

    private static double luma(float[] x, int channels, int plane, int i) {
        double l = channels == 1 ? x[i] : 0.299 * x[i] + 0.587 * x[plane + i] + 0.114 * x[2 * plane + i];
        return Math.min(1, Math.max(0, l));
    }

    private static float[] slice(float[] x, int c, int plane) {
        float[] p = new float[plane];
        System.arraycopy(x, c * plane, p, 0, plane);
        return p;
    }

    private static double uniform(SplittableRandom random, Range range) {
        return range.min() + (range.max() - range.min()) * random.nextDouble();
    }

    private static double logUniform(SplittableRandom random, Range range) {
        return Math.exp(Math.log(range.min()) + (Math.log(range.max()) - Math.log(range.min())) * random.nextDouble());
    }

    /** The generator seed of image {@code id}: SplitMix64's finaliser over the pair. */
    static long mix(long seed, long id) {
        long z = seed * 0x9E3779B97F4A7C15L + id + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return "Degradations[" + name + ", seed " + seed + "]";
    }
}
