package dev.imagerestore.models.depth;

import dev.imagerestore.models.image.FloatImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Finds the depth map of an image, in this order: a sidecar {@code name.depth.png} next to the
 * image; {@code DIR/rel/name.depth.png} or {@code DIR/rel/name.png} under the depth directory,
 * where {@code rel/name.ext} is the image's path relative to its input root; otherwise the
 * estimator, run on the image. Files are read with the configured {@link DepthConvention} and
 * resized to the image. A file that exists but cannot be read, or is empty, is an error (the job
 * turns it into a dead-letter line), never a silent fallback.
 *
 * <p>Immutable. {@link #resolve} is as thread-safe as the estimator it calls: give each worker its own
 * resolver (or none) when an estimator is set.
 */
public final class DepthResolver {

    /** A resolved map and where it came from, e.g. {@code sidecar a/b.depth.png}. */
    public record Resolved(DepthMap map, String source) {}

    private final Path depthDirectory;
    private final DepthConvention convention;
    private final DepthEstimator estimator;

    private DepthResolver(Path depthDirectory, DepthConvention convention, DepthEstimator estimator) {
        this.depthDirectory = depthDirectory;
        this.convention = Objects.requireNonNull(convention, "convention");
        this.estimator = estimator;
    }

    /**
     * @param depthDirectory a folder mirroring the input tree, or null
     * @param convention how depth files are read
     * @param estimator the fallback, or null (then an image without a file has no depth)
     */
    public static DepthResolver of(Path depthDirectory, DepthConvention convention, DepthEstimator estimator) {
        return new DepthResolver(depthDirectory, convention, estimator);
    }

    /** The sidecar path of an image: {@code name.depth.png} beside it. */
    public static Path sidecarOf(Path imageFile) {
        String name = imageFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return imageFile.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".depth.png");
    }

    /** Whether a file is a depth sidecar (so that an input scan can skip it). */
    public static boolean isSidecar(Path file) {
        return file.getFileName().toString().endsWith(".depth.png");
    }

    /**
     * The depth map of {@code image} read from {@code imageFile} ({@code relativePath} from its input
     * root, for the depth directory), or null when no file exists and there is no estimator.
     *
     * @throws IOException naming the depth file if it exists but is broken
     */
    public Resolved resolve(Path imageFile, String relativePath, FloatImage image) throws IOException {
        Path sidecar = imageFile == null ? null : sidecarOf(imageFile);
        if (sidecar != null && Files.exists(sidecar)) {
            return new Resolved(read(sidecar, image), "sidecar " + sidecar.getFileName());
        }
        if (depthDirectory != null && relativePath != null) {
            Path mirrored = depthDirectory.resolve(relativePath);
            for (Path candidate : new Path[] {sidecarOf(mirrored), withPng(mirrored)}) {
                if (Files.exists(candidate)) {
                    return new Resolved(read(candidate, image), "depth-dir " + depthDirectory.relativize(candidate));
                }
            }
        }
        if (estimator != null) {
            return new Resolved(estimator.estimate(image), "estimator " + estimator.describe());
        }
        return null;
    }

    private DepthMap read(Path file, FloatImage image) throws IOException {
        if (Files.size(file) == 0) {
            throw new IOException(file + ": depth map is empty (0 bytes); replace or delete it");
        }
        return DepthMap.read(file, convention).resized(image.height(), image.width());
    }

    private static Path withPng(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".png");
    }
}
