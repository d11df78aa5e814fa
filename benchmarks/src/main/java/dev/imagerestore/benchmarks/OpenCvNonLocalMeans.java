package dev.imagerestore.benchmarks;

import dev.imagerestore.models.eval.PeerDenoiser;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.photo.Photo;

/**
 * OpenCV's non-local means (Buades, Coll and Morel, "A Non-Local Algorithm for Image Denoising",
 * CVPR 2005), the classical peer of {@code eval denoise --peers}: {@code fastNlMeansDenoisingColored}
 * for colour images (filtering in CIELAB, {@code h} for luminance and colour alike) and
 * {@code fastNlMeansDenoising} for grayscale, with OpenCV's default 7x7 patches and 21x21 search
 * window. The filter strength {@code h} is swept over {@code 0.4 .. 1.2 x sigma} (on CBSD68 the best
 * colour {@code h} lay near {@code 0.5-0.6 sigma}, the best grayscale one near {@code 0.8-1.0 sigma});
 * the evaluation keeps the best per image.
 *
 * <p>Found by {@link java.util.ServiceLoader}; loads the OpenCV natives from its jar on first use.
 * Thread-safe: every call owns its matrices and releases them before returning.
 */
public final class OpenCvNonLocalMeans implements PeerDenoiser {

    private static final double[] H_FACTORS = {0.4, 0.5, 0.6, 0.8, 1.0, 1.2};
    private static final int TEMPLATE_WINDOW = 7;
    private static final int SEARCH_WINDOW = 21;

    static {
        nu.pattern.OpenCV.loadLocally();
    }

    @Override
    public String name() {
        return "opencv-nlmeans";
    }

    @Override
    public String parameterName() {
        return "h";
    }

    @Override
    public double[] sweep(double pixelSigma) {
        double[] h = new double[H_FACTORS.length];
        for (int i = 0; i < h.length; i++) {
            h[i] = Math.max(1, Math.round(H_FACTORS[i] * pixelSigma));
        }
        return h;
    }

    @Override
    public FloatImage denoise(FloatImage noisy, double h) {
        if (noisy.channels() != 1 && noisy.channels() != 3) {
            throw new IllegalArgumentException("OpenCV non-local means takes 1 or 3 channels, got " + noisy.channels());
        }
        Mat source = toMat(noisy);
        Mat result = new Mat();
        try {
            if (noisy.channels() == 3) {
                Photo.fastNlMeansDenoisingColored(source, result, (float) h, (float) h, TEMPLATE_WINDOW, SEARCH_WINDOW);
            } else {
                Photo.fastNlMeansDenoising(source, result, (float) h, TEMPLATE_WINDOW, SEARCH_WINDOW);
            }
            return fromMat(result, noisy.channels(), noisy.height(), noisy.width());
        } finally {
            source.release();
            result.release();
        }
    }

    /** Interleaved 8-bit BGR (or gray) from planar RGB (or gray) samples, clamped and rounded. */
    static Mat toMat(FloatImage image) {
        int c = image.channels();
        int plane = image.height() * image.width();
        byte[] data = new byte[c * plane];
        for (int i = 0; i < plane; i++) {
            for (int k = 0; k < c; k++) {
                int source = c == 3 ? 2 - k : k;
                data[i * c + k] =
                        (byte) ImageFiles.quantize(image.get(source, i / image.width(), i % image.width()), 255);
            }
        }
        Mat mat = new Mat(image.height(), image.width(), c == 3 ? CvType.CV_8UC3 : CvType.CV_8UC1);
        mat.put(0, 0, data);
        return mat;
    }

    static FloatImage fromMat(Mat mat, int channels, int height, int width) {
        int plane = height * width;
        byte[] data = new byte[channels * plane];
        mat.get(0, 0, data);
        float[] samples = new float[channels * plane];
        for (int i = 0; i < plane; i++) {
            for (int k = 0; k < channels; k++) {
                int target = channels == 3 ? 2 - k : k;
                samples[target * plane + i] = (data[i * channels + k] & 0xff) / 255f;
            }
        }
        return FloatImage.wrap(channels, height, width, 8, samples);
    }
}
