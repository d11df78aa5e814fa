package dev.imagerestore.benchmarks;

import dev.imagerestore.models.eval.PeerInpainter;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.inpaint.Mask;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.photo.Photo;

/**
 * OpenCV's classical inpainting, the peers of {@code eval inpaint --peers}: {@code cv::inpaint} with
 * Telea's fast marching method (Telea, "An Image Inpainting Technique Based on the Fast Marching
 * Method", J. Graphics Tools 2004) or the Navier-Stokes method (Bertalmio, Bertozzi and Sapiro,
 * CVPR 2001), neighbourhood radius {@value #RADIUS} px as in OpenCV's sample. The two methods are the
 * two nested classes named in {@code META-INF/services}.
 *
 * <p>Loads the OpenCV natives from its jar on first use. Thread-safe: every call owns its matrices
 * and releases them before returning.
 */
public abstract class OpenCvInpainting implements PeerInpainter {

    static final double RADIUS = 3;

    static {
        nu.pattern.OpenCV.loadLocally();
    }

    private final String name;
    private final int flags;

    OpenCvInpainting(String name, int flags) {
        this.name = name;
        this.flags = flags;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final FloatImage inpaint(FloatImage damaged, Mask mask) {
        if (damaged.channels() != 1 && damaged.channels() != 3) {
            throw new IllegalArgumentException("OpenCV inpainting takes 1 or 3 channels, got " + damaged.channels());
        }
        Mask fitted = mask.resizedTo(damaged.height(), damaged.width());
        Mat source = OpenCvNonLocalMeans.toMat(damaged);
        Mat holes = new Mat(damaged.height(), damaged.width(), CvType.CV_8UC1);
        Mat result = new Mat();
        try {
            byte[] bytes = new byte[damaged.height() * damaged.width()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = fitted.get(i / damaged.width(), i % damaged.width()) ? (byte) 255 : 0;
            }
            holes.put(0, 0, bytes);
            Photo.inpaint(source, holes, result, RADIUS, flags);
            return OpenCvNonLocalMeans.fromMat(result, damaged.channels(), damaged.height(), damaged.width());
        } finally {
            source.release();
            holes.release();
            result.release();
        }
    }

    /** Telea's fast marching method ({@code INPAINT_TELEA}). */
    public static final class Telea extends OpenCvInpainting {
        public Telea() {
            super("opencv-telea", Photo.INPAINT_TELEA);
        }
    }

    /** The Navier-Stokes method ({@code INPAINT_NS}). */
    public static final class NavierStokes extends OpenCvInpainting {
        public NavierStokes() {
            super("opencv-ns", Photo.INPAINT_NS);
        }
    }
}
