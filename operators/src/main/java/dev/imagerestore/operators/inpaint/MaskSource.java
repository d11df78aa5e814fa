package dev.imagerestore.operators.inpaint;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the inpainting mask of each image comes from. Masks are images where white (any sample above
 * one half) means "repair"; a mask of another size than its image is resized nearest-neighbour.
 *
 * <ul>
 *   <li>{@link #sidecar()}: next to the image, named {@code name.mask.png} for {@code name.ext}
 *       ({@code scans/a.tif} -> {@code scans/a.mask.png}; a page of a multi-page file has its own,
 *       named after its page path: {@code scans/book.page-002.mask.png}); such files are never restored themselves
 *       ({@link #SIDECAR_GLOB} is excluded from the input);</li>
 *   <li>{@link #directory(String)}: under a separate root with the same relative path and name
 *       ({@code DIR/scans/a.mask.png});</li>
 *   <li>{@link #learned(String, double)}: found in the image itself by a learned damage detector
 *       (a model directory; the zoo's {@code models/zoo/detect-small} loads from the jar where it is
 *       not on disk), at its card's threshold or a given one;</li>
 *   <li>{@link #none()}: no mask; every image travels with an empty one (a task that finds damage on
 *       the device, or repairs none).</li>
 * </ul>
 *
 * Immutable and serializable.
 */
public final class MaskSource implements Serializable {

    private static final long serialVersionUID = 3L;

    /** The input glob of sidecar masks, excluded from the images to restore. */
    public static final String SIDECAR_GLOB = "**/*.mask.png";
    /** The suffix that replaces an image's extension in its mask's name. */
    public static final String SUFFIX = ".mask.png";

    private final String directory;
    private final boolean auto;
    private final boolean none;
    private final String detector;
    private final double threshold;

    private MaskSource(String directory, boolean auto, boolean none) {
        this(directory, auto, none, null, Double.NaN);
    }

    private MaskSource(String directory, boolean auto, boolean none, String detector, double threshold) {
        this.directory = directory;
        this.auto = auto;
        this.none = none;
        this.detector = detector;
        this.threshold = threshold;
    }

    public static MaskSource sidecar() {
        return new MaskSource(null, false, false);
    }

    /** No mask file and no detection: every image gets an empty mask. */
    public static MaskSource none() {
        return new MaskSource(null, false, true);
    }

    /** Masks under {@code root} (a local path or a Flink file-system URI) with the images' relative paths. */
    public static MaskSource directory(String root) {
        return new MaskSource(Objects.requireNonNull(root, "root"), false, false);
    }

    /**
     * Masks found by the learned detector in {@code detectorDirectory}, flagging pixels whose damage
     * probability reaches {@code threshold}, or the card's threshold when it is NaN.
     */
    public static MaskSource learned(String detectorDirectory, double threshold) {
        if (!Double.isNaN(threshold) && !(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("mask threshold must be in (0, 1), got " + threshold);
        }
        return new MaskSource(
                null, true, false, Objects.requireNonNull(detectorDirectory, "detectorDirectory"), threshold);
    }

    /** The learned detector's model directory, when masks are found by one. */
    public Optional<String> detector() {
        return Optional.ofNullable(detector);
    }

    /** The learned detector's threshold, NaN for its card's. */
    public double threshold() {
        return threshold;
    }

    public boolean isNone() {
        return none;
    }

    /** Whether masks are found in the images by the learned {@link #detector()} ({@code --mask auto}). */
    public boolean isAuto() {
        return auto;
    }

    /** Whether masks are {@code name.mask.png} files next to their images. */
    public boolean isSidecar() {
        return !auto && !none && directory == null;
    }

    /** The mask folder, if masks come from one. */
    public Optional<String> directory() {
        return Optional.ofNullable(directory);
    }

    /** The mask's path relative to its root: the image's path with the extension replaced by {@link #SUFFIX}. */
    public static String maskPathFor(String imagePath) {
        int slash = imagePath.lastIndexOf('/');
        int dot = imagePath.lastIndexOf('.');
        return (dot > slash + 1 ? imagePath.substring(0, dot) : imagePath) + SUFFIX;
    }

    @Override
    public String toString() {
        return none ? "none" : auto ? "auto " + detector : directory == null ? "sidecar" : "directory " + directory;
    }
}
