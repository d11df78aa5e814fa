package dev.imagerestore.models.eval;

import com.google.gson.GsonBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The outcome of an {@code eval inpaint} run: its settings, every image's scores and their means over
 * images. Immutable.
 *
 * @param masks the mask kind ({@code scratch}, {@code box64}, {@code auto-synthetic})
 * @param settings the inpainter's settings, as text
 */
public record InpaintReport(
        String model,
        String masks,
        long seed,
        String settings,
        List<Image> images,
        Map<String, Score> means,
        Detection meanDetection) {

    /** The model's name in {@link #means}; peers appear under their own names. */
    public static final String MODEL = "diffusion";
    /** The method name of the model's first guess alone (the harmonic fill RePaint starts from), an ablation. */
    public static final String FIRST_GUESS = "first-guess";

    public InpaintReport {
        images = List.copyOf(images);
        means = new LinkedHashMap<>(means);
    }

    /**
     * One method's scores on one image (or their mean).
     *
     * @param seam RMS gradient difference around the mask border, 8-bit levels ({@link InpaintMetrics#seam})
     */
    public record Score(String method, double holePsnr, double holeSsim, double psnr, double seam, double seconds) {}

    /**
     * How the automatic detector did on an image with rendered damage (or their mean).
     *
     * @param recall damaged pixels found over damaged pixels
     * @param precision damaged pixels found over pixels flagged
     * @param cleanFraction pixels flagged on the clean image over all pixels
     */
    public record Detection(double recall, double precision, double detectedFraction, double cleanFraction) {}

    /** One image: its size, the fraction masked, the model's and the peers' scores, the detection. */
    public record Image(
            String file, int height, int width, double maskedFraction, List<Score> scores, Detection detection) {

        public Image {
            scores = List.copyOf(scores);
        }
    }

    /** A report over {@code images} with its means computed. */
    public static InpaintReport of(String model, String masks, long seed, String settings, List<Image> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images were evaluated");
        }
        Map<String, Score> means = new LinkedHashMap<>();
        for (int m = 0; m < images.get(0).scores().size(); m++) {
            int index = m;
            List<Score> scores = new ArrayList<>();
            images.forEach(i -> scores.add(i.scores().get(index)));
            String name = scores.get(0).method();
            means.put(
                    name,
                    new Score(
                            name,
                            average(scores, Score::holePsnr),
                            average(scores, Score::holeSsim),
                            average(scores, Score::psnr),
                            average(scores, Score::seam),
                            average(scores, Score::seconds)));
        }
        Detection detection = null;
        if (images.get(0).detection() != null) {
            List<Detection> all = images.stream().map(Image::detection).toList();
            detection = new Detection(
                    average(all, Detection::recall),
                    average(all, Detection::precision),
                    average(all, Detection::detectedFraction),
                    average(all, Detection::cleanFraction));
        }
        return new InpaintReport(model, masks, seed, settings, images, means, detection);
    }

    /** Mean fraction of pixels masked. */
    public double meanMaskedFraction() {
        return average(images, Image::maskedFraction);
    }

    private static <T> double average(List<T> items, ToDoubleFunction<T> value) {
        return items.stream()
                .mapToDouble(value)
                .filter(v -> !Double.isNaN(v))
                .average()
                .orElse(Double.NaN);
    }

    /** The report as pretty-printed JSON. */
    public String toJson() {
        return new GsonBuilder()
                .setPrettyPrinting()
                .serializeSpecialFloatingPointValues()
                .create()
                .toJson(this);
    }
}
