package dev.imagerestore.models.eval;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.inpaint.Mask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores of whole repairs of damaged images, per method: mean whole-image PSNR and SSIM against the
 * clean image, mean PSNR inside the true damage, and seconds per megapixel where the method was
 * timed. Methods are listed in the order they were first added.
 */
public final class RepairScores {

    private final Map<String, Sums> methods = new LinkedHashMap<>();

    /** Running sums of one method. */
    private static final class Sums {
        private double psnr;
        private double ssim;
        private double damagePsnr;
        private int images;
        private int damagedImages;
        private double seconds;
        private double megapixels;
    }

    /**
     * Adds {@code method}'s result on one image.
     *
     * @param clean the undamaged image
     * @param result the method's output, of the clean image's shape
     * @param damage the true damage; images without any are left out of the damage PSNR
     * @param seconds the method's time on this image, or a negative value when it was not timed
     */
    public void add(String method, FloatImage clean, FloatImage result, Mask damage, double seconds) {
        Sums sums = methods.computeIfAbsent(method, m -> new Sums());
        sums.psnr += Psnr.of8Bit(clean, result);
        sums.ssim += Ssim.of8Bit(clean, result);
        sums.images++;
        if (!damage.isEmpty()) {
            sums.damagePsnr += InpaintMetrics.holePsnr(clean, result, damage);
            sums.damagedImages++;
        }
        if (seconds >= 0) {
            sums.seconds += seconds;
            sums.megapixels += clean.height() * (double) clean.width() / 1e6;
        }
    }

    /** The methods in the order they were first added. */
    public List<String> methods() {
        return new ArrayList<>(methods.keySet());
    }

    /** Mean whole-image PSNR of {@code method}, dB. */
    public double psnr(String method) {
        Sums s = sums(method);
        return s.psnr / s.images;
    }

    /** Mean whole-image SSIM of {@code method}. */
    public double ssim(String method) {
        Sums s = sums(method);
        return s.ssim / s.images;
    }

    /** Mean PSNR of {@code method} inside the true damage, dB; NaN if no image had damage. */
    public double damagePsnr(String method) {
        Sums s = sums(method);
        return s.damagedImages == 0 ? Double.NaN : s.damagePsnr / s.damagedImages;
    }

    /** Seconds per megapixel of {@code method}; NaN if it was not timed. */
    public double secondsPerMegapixel(String method) {
        Sums s = sums(method);
        return s.megapixels == 0 ? Double.NaN : s.seconds / s.megapixels;
    }

    /** A table of every method: PSNR, SSIM, damage PSNR and s/MP (blank where not timed). */
    public String table() {
        StringBuilder text = new StringBuilder(String.format(
                Locale.ROOT, "%-44s %8s %7s %12s %8s%n", "method", "PSNR", "SSIM", "damage PSNR", "s/MP"));
        for (String method : methods.keySet()) {
            double perMp = secondsPerMegapixel(method);
            text.append(String.format(
                    Locale.ROOT,
                    "%-44s %8.2f %7.4f %12.2f %8s%n",
                    method,
                    psnr(method),
                    ssim(method),
                    damagePsnr(method),
                    Double.isNaN(perMp) ? "" : String.format(Locale.ROOT, "%.2f", perMp)));
        }
        return text.toString();
    }

    private Sums sums(String method) {
        Sums s = methods.get(method);
        if (s == null) {
            throw new IllegalArgumentException("no scores for method '" + method + "'; scored: " + methods.keySet());
        }
        return s;
    }
}
