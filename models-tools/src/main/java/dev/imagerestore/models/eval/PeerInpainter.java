package dev.imagerestore.models.eval;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.inpaint.Mask;

/**
 * A classical inpainting method that {@code eval inpaint --peers} runs beside the diffusion model on
 * the same damaged images and masks. Implementations live outside the job jar (the
 * {@code benchmarks} module's OpenCV Telea and Navier-Stokes) and are found with
 * {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.imagerestore.models.eval.PeerInpainter}. An implementation needs a
 * public no-argument constructor and must be thread-safe.
 */
public interface PeerInpainter {

    /** Short name for reports, e.g. {@code opencv-telea}. */
    String name();

    /**
     * Fills the pixels of {@code mask} in a 1- or 3-channel 8-bit image; same channels and size out.
     * The damaged samples carry no information and must not be relied on.
     */
    FloatImage inpaint(FloatImage damaged, Mask mask);
}
