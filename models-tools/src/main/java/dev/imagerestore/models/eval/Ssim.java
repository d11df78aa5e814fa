package dev.imagerestore.models.eval;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import java.nio.FloatBuffer;

/**
 * Structural similarity (Wang, Bovik, Sheikh and Simoncelli, "Image Quality Assessment: From Error
 * Visibility to Structural Similarity", IEEE TIP 2004) as in the authors' reference code
 * {@code ssim_index.m}: both images clamped and rounded to 8 bits, an 11x11 Gaussian window of
 * standard deviation 1.5 normalised to sum one, {@code K1 = 0.01}, {@code K2 = 0.03}, {@code L = 255},
 * local statistics at every position where the window fits inside the image ("valid" filtering, no
 * padding, no downsampling), and the mean of the SSIM map. A colour image's SSIM is the mean of the
 * SSIM of its channels, each computed alone. Stateless and thread-safe.
 */
public final class Ssim {

    private static final int WINDOW = 11;
    private static final double[] KERNEL = gaussian(WINDOW, 1.5);
    private static final double C1 = Math.pow(0.01 * 255, 2);
    private static final double C2 = Math.pow(0.03 * 255, 2);

    private Ssim() {}

    /** Mean SSIM of {@code test} against {@code reference}, averaged over channels. */
    public static double of8Bit(FloatImage reference, FloatImage test) {
        Psnr.checkSameShape(reference, test);
        if (reference.height() < WINDOW || reference.width() < WINDOW) {
            throw new IllegalArgumentException("SSIM needs images of at least " + WINDOW + "x" + WINDOW
                    + " pixels, got " + reference.height() + "x" + reference.width());
        }
        double total = 0;
        for (int c = 0; c < reference.channels(); c++) {
            total += channel(plane(reference, c), plane(test, c), reference.height(), reference.width(), null);
        }
        return total / reference.channels();
    }

    /**
     * The mean of the SSIM map over the windows centred on a pixel of {@code region} (row-major, the
     * images' size), averaged over channels; NaN when no window fitting the image is centred there.
     */
    public static double of8BitWithin(FloatImage reference, FloatImage test, boolean[] region) {
        Psnr.checkSameShape(reference, test);
        if (region.length != reference.height() * reference.width()) {
            throw new IllegalArgumentException("region has " + region.length + " entries for a " + reference.height()
                    + "x" + reference.width() + " image");
        }
        double total = 0;
        for (int c = 0; c < reference.channels(); c++) {
            total += channel(plane(reference, c), plane(test, c), reference.height(), reference.width(), region);
        }
        return total / reference.channels();
    }

    private static double channel(double[] x, double[] y, int h, int w, boolean[] region) {
        double[] xy = new double[x.length];
        double[] xx = new double[x.length];
        double[] yy = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            xy[i] = x[i] * y[i];
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
        }
        double[] mx = filter(x, h, w);
        double[] my = filter(y, h, w);
        double[] sxx = filter(xx, h, w);
        double[] syy = filter(yy, h, w);
        double[] sxy = filter(xy, h, w);
        double sum = 0;
        int count = 0;
        int ow = w - WINDOW + 1;
        for (int i = 0; i < mx.length; i++) {
            if (region != null && !region[(i / ow + WINDOW / 2) * w + i % ow + WINDOW / 2]) {
                continue;
            }
            count++;
            double mu1mu2 = mx[i] * my[i];
            double mu1sq = mx[i] * mx[i];
            double mu2sq = my[i] * my[i];
            double numerator = (2 * mu1mu2 + C1) * (2 * (sxy[i] - mu1mu2) + C2);
            double denominator = (mu1sq + mu2sq + C1) * ((sxx[i] - mu1sq) + (syy[i] - mu2sq) + C2);
            sum += numerator / denominator;
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Separable "valid" correlation with the Gaussian window: an (h-10) x (w-10) result. */
    private static double[] filter(double[] in, int h, int w) {
        int ow = w - WINDOW + 1;
        int oh = h - WINDOW + 1;
        double[] rows = new double[h * ow];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int k = 0; k < WINDOW; k++) {
                    s += KERNEL[k] * in[y * w + x + k];
                }
                rows[y * ow + x] = s;
            }
        }
        double[] out = new double[oh * ow];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int k = 0; k < WINDOW; k++) {
                    s += KERNEL[k] * rows[(y + k) * ow + x];
                }
                out[y * ow + x] = s;
            }
        }
        return out;
    }

    private static double[] plane(FloatImage image, int channel) {
        int n = image.height() * image.width();
        FloatBuffer samples = image.samples();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = ImageFiles.quantize(samples.get(channel * n + i), 255);
        }
        return out;
    }

    private static double[] gaussian(int size, double sigma) {
        double[] k = new double[size];
        double sum = 0;
        for (int i = 0; i < size; i++) {
            double d = i - (size - 1) / 2.0;
            k[i] = Math.exp(-d * d / (2 * sigma * sigma));
            sum += k[i];
        }
        for (int i = 0; i < size; i++) {
            k[i] /= sum;
        }
        return k;
    }
}
