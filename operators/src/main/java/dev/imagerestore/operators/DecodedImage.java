package dev.imagerestore.operators;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.operators.internal.RelativePaths;
import dev.imagerestore.operators.internal.TypeInfoFactories;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * An input image after decoding: the colour samples the model sees ({@link FloatImage}, 1 or 3
 * channels in [0, 1], display orientation, in the source's RGB or gray colour space), the alpha plane kept apart and
 * untouched, and what the encoder and the report need to know about the source.
 *
 * <p>Immutable; the alpha plane, when present, has the colour's width, height and bit depth.
 *
 * <p>Serialized by {@link dev.imagerestore.operators.internal.DecodedImageSerializer}: decoded
 * samples lie on the 8- or 16-bit grid, so they travel as 1 or 2 bytes per sample (a quarter or a
 * half of the float size) with a lossless check and a float fallback; no Kryo.
 *
 * @param relativePath input path relative to the input root, '/'-separated
 * @param colour colour or gray samples; its bit depth (8 or 16) is the image's bit depth
 * @param alpha the alpha plane, if the source had one
 * @param sourceFormat canonical name of the decoded format: png, jpeg, tiff, bmp, pnm or gif
 * @param orientation the EXIF/TIFF orientation (1-8) that was applied; 1 means none was needed
 * @param decodeMillis wall-clock milliseconds spent decoding
 * @param metadata the source's EXIF, IPTC, XMP, ICC profile and resolution, for the output
 */
@TypeInfo(TypeInfoFactories.DecodedImageFactory.class)
public record DecodedImage(
        String relativePath,
        FloatImage colour,
        Optional<AlphaPlane> alpha,
        String sourceFormat,
        int orientation,
        long decodeMillis,
        ImageMetadata metadata) {

    public DecodedImage {
        RelativePaths.check(relativePath);
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(alpha, "alpha");
        Objects.requireNonNull(sourceFormat, "sourceFormat");
        Objects.requireNonNull(metadata, "metadata");
        if (colour.channels() != 1 && colour.channels() != 3) {
            throw new IllegalArgumentException("colour must have 1 or 3 channels, got " + colour.channels());
        }
        alpha.ifPresent(a -> checkAlpha(a, colour));
        if (orientation < 1 || orientation > 8) {
            throw new IllegalArgumentException("orientation must be an EXIF orientation 1-8, got " + orientation);
        }
        if (decodeMillis < 0) {
            throw new IllegalArgumentException("decodeMillis must be >= 0, got " + decodeMillis);
        }
    }

    /** A decoded image without metadata. */
    public DecodedImage(String relativePath, FloatImage colour, Optional<AlphaPlane> alpha, String sourceFormat,
            int orientation, long decodeMillis) {
        this(relativePath, colour, alpha, sourceFormat, orientation, decodeMillis, ImageMetadata.NONE);
    }

    private static void checkAlpha(AlphaPlane a, FloatImage colour) {
        if (a.width() != colour.width() || a.height() != colour.height() || a.bitDepth() != colour.bitDepth()) {
            throw new IllegalArgumentException("alpha " + a + " does not match colour " + colour);
        }
    }

    /** 8 or 16: the depth of the colour and alpha samples, and of 16-bit capable outputs. */
    public int bitDepth() {
        return colour.bitDepth();
    }

    public int width() {
        return colour.width();
    }

    public int height() {
        return colour.height();
    }
}
