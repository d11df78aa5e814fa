package dev.imagerestore.models.eval;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.models.inpaint.Mask;

/**
 * Scores of an inpainted image against its clean original, on 8-bit levels (clamped and rounded as
 * {@link Psnr} does): PSNR over the hole (every channel of every damaged pixel), SSIM over the hole
 * ({@link Ssim#of8BitWithin}), and a seam score, the root-mean-square difference between the
 * forward differences (right and down neighbours) of the result and of the original over the band of
 * pixels within {@value #SEAM_BAND} px of the mask border on either side: a visible seam is a gradient
 * the original does not have. Lower seam scores are better. Stateless.
 */
public final class InpaintMetrics {

    /** Half-width of the seam band, in pixels. */
    public static final int SEAM_BAND = 2;

    private InpaintMetrics() {}

    /** PSNR in dB over the damaged pixels. */
    public static double holePsnr(FloatImage clean, FloatImage result, Mask hole) {
        Psnr.checkSameShape(clean, result);
        double sum = 0;
        long n = 0;
        for (int c = 0; c < clean.channels(); c++) {
            for (int y = 0; y < clean.height(); y++) {
                for (int x = 0; x < clean.width(); x++) {
                    if (hole.get(y, x)) {
                        double d = level(clean, c, y, x) - level(result, c, y, x);
                        sum += d * d;
                        n++;
                    }
                }
            }
        }
        return 10 * Math.log10(255.0 * 255.0 / (sum / n));
    }

    /** SSIM over the windows centred on a damaged pixel. */
    public static double holeSsim(FloatImage clean, FloatImage result, Mask hole) {
        boolean[] region = new boolean[clean.height() * clean.width()];
        for (int i = 0; i < region.length; i++) {
            region[i] = hole.get(i / clean.width(), i % clean.width());
        }
        return Ssim.of8BitWithin(clean, result, region);
    }

    /** RMS gradient difference (8-bit levels) over the band around the mask border. */
    public static double seam(FloatImage clean, FloatImage result, Mask hole) {
        Psnr.checkSameShape(clean, result);
        int h = clean.height();
        int w = clean.width();
        Mask near = hole.dilated(SEAM_BAND);
        boolean[] known = new boolean[h * w];
        for (int i = 0; i < known.length; i++) {
            known[i] = !hole.get(i / w, i % w);
        }
        Mask nearKnown = Mask.of(h, w, known).dilated(SEAM_BAND);
        double sum = 0;
        long n = 0;
        for (int y = 0; y + 1 < h; y++) {
            for (int x = 0; x + 1 < w; x++) {
                if (!near.get(y, x) || !nearKnown.get(y, x)) {
                    continue;
                }
                for (int c = 0; c < clean.channels(); c++) {
                    double dx = (level(result, c, y, x + 1) - level(result, c, y, x))
                            - (level(clean, c, y, x + 1) - level(clean, c, y, x));
                    double dy = (level(result, c, y + 1, x) - level(result, c, y, x))
                            - (level(clean, c, y + 1, x) - level(clean, c, y, x));
                    sum += (dx * dx + dy * dy) / 2;
                    n++;
                }
            }
        }
        return n == 0 ? 0 : Math.sqrt(sum / n);
    }

    private static int level(FloatImage image, int c, int y, int x) {
        return ImageFiles.quantize(image.get(c, y, x), 255);
    }
}
