package dev.imagerestore.models.eval;

import com.google.gson.GsonBuilder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The outcome of an {@code eval denoise} run: its settings, every image's scores and their means
 * (arithmetic means over images, as published tables average per-image PSNR). Immutable.
 *
 * @param model the model's name
 * @param sigma the noise level added (0-255 scale)
 * @param refineSteps refinement sampler steps, 0 when only the one-step estimate was measured
 * @param selfEnsemble tile symmetries averaged per result (1: none)
 * @param jpegQuality quality of the JPEG the noisy images were saved as, 0 when they were not
 */
public record DenoiseReport(
        String model,
        double sigma,
        boolean blind,
        long seed,
        boolean grayscale,
        int refineSteps,
        int selfEnsemble,
        float jpegQuality,
        List<ImageResult> images,
        Means mean) {

    public DenoiseReport {
        images = List.copyOf(images);
    }

    /** A report over {@code images} with its means computed. */
    public static DenoiseReport of(
            String model,
            double sigma,
            boolean blind,
            long seed,
            boolean grayscale,
            int refineSteps,
            int selfEnsemble,
            float jpegQuality,
            List<ImageResult> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images were evaluated");
        }
        Map<String, PeerMean> peers = new LinkedHashMap<>();
        for (ImageResult.PeerScore peer : images.get(0).peers()) {
            List<ImageResult.PeerScore> scores = images.stream()
                    .flatMap(i -> i.peers().stream())
                    .filter(p -> p.name().equals(peer.name()))
                    .toList();
            peers.put(
                    peer.name(),
                    new PeerMean(
                            average(scores, ImageResult.PeerScore::psnr),
                            average(scores, ImageResult.PeerScore::ssim),
                            average(scores, ImageResult.PeerScore::secondsPerMegapixel)));
        }
        Means means = new Means(
                average(images, ImageResult::noisyPsnr),
                average(images, ImageResult::noisySsim),
                average(images, ImageResult::psnr),
                average(images, ImageResult::ssim),
                average(images, ImageResult::secondsPerMegapixel),
                blind ? average(images, i -> Math.abs(i.sigmaError())) : null,
                refineSteps > 0 ? average(images, ImageResult::refinedPsnr) : null,
                refineSteps > 0 ? average(images, ImageResult::refinedSsim) : null,
                refineSteps > 0 ? average(images, ImageResult::refinedSecondsPerMegapixel) : null,
                peers);
        return new DenoiseReport(
                model, sigma, blind, seed, grayscale, refineSteps, selfEnsemble, jpegQuality, images, means);
    }

    private static <T> double average(List<T> items, ToDoubleFunction<T> value) {
        return items.stream().mapToDouble(value).average().orElse(Double.NaN);
    }

    /** The report as pretty-printed JSON. */
    public String toJson() {
        return new GsonBuilder()
                .setPrettyPrinting()
                .serializeSpecialFloatingPointValues()
                .create()
                .toJson(this);
    }

    /**
     * Means over the images.
     *
     * @param sigmaAbsoluteError mean of |estimated - true sigma|, blind runs only
     */
    public record Means(
            double noisyPsnr,
            double noisySsim,
            double psnr,
            double ssim,
            double secondsPerMegapixel,
            Double sigmaAbsoluteError,
            Double refinedPsnr,
            Double refinedSsim,
            Double refinedSecondsPerMegapixel,
            Map<String, PeerMean> peers) {

        public Means {
            peers = Collections.unmodifiableMap(new LinkedHashMap<>(peers));
        }
    }

    /** One peer's means over the images. */
    public record PeerMean(double psnr, double ssim, double secondsPerMegapixel) {}
}
