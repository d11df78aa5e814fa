package dev.imagerestore.operators.tiles;

import dev.imagerestore.models.restore.TileGrid;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.files.RelativePaths;
import java.io.Serializable;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One image that flows through the job as a stream of tiles: where it lies, its geometry and samples,
 * its output, and how it is cut ({@link #grid()}, in chunks of {@link #batch()} consecutive tiles).
 * Every {@link TileChunk} of the image carries it, so each stage knows all it needs of the image
 * without holding its pixels. Immutable.
 *
 * @param relativePath the file's path relative to the input root
 * @param page the page of the file, from 1
 * @param pages the file's page count
 * @param location the file's absolute path, read by region
 * @param sourceFormat canonical name of the decoded format
 * @param width width in pixels
 * @param height height in pixels
 * @param channels colour channels, 1 or 3
 * @param bitDepth bits per sample, 8 or 16
 * @param alpha whether the image has alpha, carried through where the output format keeps it
 * @param outputPath the output's path relative to the output root
 * @param format the output format
 * @param tileSize the largest tile side the device stage takes
 * @param overlap pixels shared by neighbouring tiles
 * @param sizeMultiple the model's spatial multiple
 * @param batch tiles per chunk, which is one forward pass
 * @param noiseLevel the noise level the task restores the image with (0-255 scale), NaN for none
 */
public record TiledImage(
        String relativePath,
        int page,
        int pages,
        String location,
        String sourceFormat,
        int width,
        int height,
        int channels,
        int bitDepth,
        boolean alpha,
        String outputPath,
        OutputFormat format,
        int tileSize,
        int overlap,
        int sizeMultiple,
        int batch,
        double noiseLevel)
        implements Serializable {

    public TiledImage {
        RelativePaths.check(relativePath);
        RelativePaths.check(outputPath);
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(sourceFormat, "sourceFormat");
        Objects.requireNonNull(format, "format");
        if (page < 1 || page > pages) {
            throw new IllegalArgumentException("page must be in [1, " + pages + "], got " + page);
        }
        if (width < 1 || height < 1 || (channels != 1 && channels != 3) || (bitDepth != 8 && bitDepth != 16)) {
            throw new IllegalArgumentException("a tiled image needs a positive size, 1 or 3 channels and 8 or 16 bits, "
                    + "got " + width + "x" + height + ", " + channels + " channels, " + bitDepth + " bits");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
    }

    /** The path the image is known by: the file's, or its page's ({@link DecodedImage#pagePath(String, int)}). */
    public String pagePath() {
        return pages > 1 ? DecodedImage.pagePath(relativePath, page) : relativePath;
    }

    /** The page its report line names: its page of a multi-page file, 0 for a single image. */
    public int reportPage() {
        return pages > 1 ? page : 0;
    }

    /** The tiles that cover the image, as the whole-image path covers it. */
    public TileGrid grid() {
        return TileGrid.cover(height, width, tileSize, overlap, sizeMultiple);
    }

    /** How many chunks the image is cut into. */
    public int chunks(TileGrid grid) {
        return (grid.size() + batch - 1) / batch;
    }

    /** The noise level, if the task has one. */
    public OptionalDouble noise() {
        return Double.isNaN(noiseLevel) ? OptionalDouble.empty() : OptionalDouble.of(noiseLevel);
    }

    /** The number of megapixels, for progress. */
    public double megapixels() {
        return (double) width * height / 1e6;
    }
}
