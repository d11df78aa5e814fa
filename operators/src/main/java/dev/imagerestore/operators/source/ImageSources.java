package dev.imagerestore.operators.source;

import java.util.Objects;
import org.apache.flink.core.fs.Path;

/**
 * Entry point for reading image files with Flink's {@link org.apache.flink.connector.file.src.FileSource}.
 *
 * <pre>{@code
 * FileSource<ImageFile> source = ImageSources.forDirectory(inputDir)
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

    /** A source over the files under a directory of any Flink file system (s3://, hdfs://, file://). */
    public static ImageSourceBuilder forDirectory(Path root) {
        Objects.requireNonNull(root, "root");
        return new ImageSourceBuilder(root);
    }
}
