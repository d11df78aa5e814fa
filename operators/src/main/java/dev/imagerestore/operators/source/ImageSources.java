package dev.imagerestore.operators.source;

import java.util.Objects;
import org.apache.flink.core.fs.Path;

/**
 * Entry point for reading image files with Flink's file source machinery
 * ({@link org.apache.flink.connector.file.src.AbstractFileSource}).
 *
 * <pre>{@code
 * AbstractFileSource<ImageFile, ?> source = ImageSources.forDirectory(inputDir)
 *         .optInclude("**}{@code /*.tif")
 *         .optIgnoreDirectory(outputDir)
 *         .build();
 * env.fromSource(source, WatermarkStrategy.noWatermarks(), "images");
 * }</pre>
 *
 * See {@link ImageSourceBuilder} for the options and the rule that keeps half-written files out.
 */
public final class ImageSources {

    private ImageSources() {}

    /** A source over the files under a local (or mounted) directory, recursively. */
    public static ImageSourceBuilder forDirectory(java.nio.file.Path root) {
        Objects.requireNonNull(root, "root");
        return new ImageSourceBuilder(new Path(root.toAbsolutePath().normalize().toUri()));
    }

    /** A source over the files under a local or mounted directory given as a Flink path ({@code file:} only). */
    public static ImageSourceBuilder forDirectory(Path root) {
        Objects.requireNonNull(root, "root");
        if (!"file".equals(root.toUri().getScheme())) {
            throw new IllegalArgumentException("input " + root + " must be a local or mounted folder (file: URI): "
                    + "the source lists folders with java.nio to account for every entry; copy or mount it locally");
        }
        return forDirectory(java.nio.file.Path.of(root.toUri()));
    }
}
