package dev.imagerestore.operators.decode;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.operators.AlphaPlane;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.ImageMetadata;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.RestoredImage;
import dev.imagerestore.operators.decode.internal.ExifOrientation;
import dev.imagerestore.operators.decode.internal.ImageComposer;
import dev.imagerestore.operators.decode.internal.ImageWriting;
import dev.imagerestore.operators.decode.internal.XmpProvenance;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Encodes restored images: PNG, TIFF (Deflate), JPEG, BMP or PNM, chosen by {@link OutputFormat}'s
 * rule (the input's format unless overridden; GIF becomes PNG; alpha never silently lost without an
 * override).
 *
 * <p>Contract: the bit depth is kept where the format can hold it (16-bit PNG, TIFF and PNM; JPEG
 * and BMP are 8-bit), the alpha plane is re-attached untouched where the format has alpha, and
 * samples are clamped to [0, 1] and rounded. A gray input stays gray: a three-channel result for a
 * gray source is averaged back to one channel. {@link #restore} carries the source's EXIF, IPTC,
 * XMP, ICC profile and resolution into formats that hold them (see {@link ImageMetadata}) and adds
 * an XMP provenance record naming the original and what restored it ({@link Provenance}).
 *
 * <p>Immutable and serializable (configuration only), safe to share between threads.
 */
public final class ImageEncoder implements Serializable {

    /** Default JPEG quality: 0.95, high enough not to undo a restoration. */
    public static final float DEFAULT_JPEG_QUALITY = 0.95f;

    private static final long serialVersionUID = 1L;

    /** The software agent of outputs when the builder is given no {@link Provenance}. */
    public static final String DEFAULT_AGENT = "image-restoration";

    private final OutputFormat override;
    private final float jpegQuality;
    private final Provenance provenance;

    private ImageEncoder(OutputFormat override, float jpegQuality, Provenance provenance) {
        this.override = override;
        this.jpegQuality = jpegQuality;
        this.provenance = provenance;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The format {@code source}'s output is written in. */
    public OutputFormat formatFor(DecodedImage source) {
        return formatFor(source.sourceFormat(), source.alpha().isPresent());
    }

    /** The format the output of an image decoded from {@code sourceFormat}, with or without alpha, is written in. */
    public OutputFormat formatFor(String sourceFormat, boolean alpha) {
        return OutputFormat.choose(sourceFormat, alpha, Optional.ofNullable(override));
    }

    /**
     * The output path, relative to the output root, of {@code source}'s output: the input's own path
     * (for a page of a multi-page file, its {@link DecodedImage#pagePath() page path},
     * {@code NAME.page-NNN.EXT}) whenever the output is written in the format its content had,
     * whatever its extension says (a JPEG named {@code .png} stays {@code scan.png}, with JPEG
     * content, as the original); only a change of format (an override, GIF, alpha that JPEG cannot
     * hold, PGM/PPM for PNM) changes the extension.
     */
    public String outputPathFor(DecodedImage source) {
        return outputPathFor(
                source.pagePath(),
                source.sourceFormat(),
                source.alpha().isPresent(),
                source.colour().channels());
    }

    /**
     * As {@link #outputPathFor(DecodedImage)}, for the image known by {@code pagePath}, decoded from
     * {@code sourceFormat} with {@code channels} colour channels, with or without alpha.
     */
    public String outputPathFor(String pagePath, String sourceFormat, boolean alpha, int channels) {
        OutputFormat format = formatFor(sourceFormat, alpha);
        if (override == null && format.imageIoName().equals(sourceFormat) && format != OutputFormat.PNM) {
            return pagePath;
        }
        return format.outputPath(pagePath, channels);
    }

    /**
     * Colour (1 or 3 channels) quantized to the bit depth {@code format} writes for
     * {@code colour.bitDepth()}, with {@code alpha} as the last band where the format keeps it (null
     * for none): what {@link #encode} hands the writer, for a band of rows of an image written as
     * bands come ({@link #write}).
     */
    public static BufferedImage compose(FloatImage colour, AlphaPlane alpha, OutputFormat format) {
        return ImageComposer.compose(
                colour, format.supportsAlpha() ? alpha : null, format.writtenBitDepth(colour.bitDepth()));
    }

    /**
     * Writes {@code image}, already at the written bit depth with alpha as the last band where the
     * format keeps it (as {@code ImageComposer} builds them), into the new file {@code target} in
     * {@code format} with {@code metadata}, pulling its rows as the writer encodes them: an image
     * whose rows are read on demand is never whole in memory.
     */
    public void write(RenderedImage image, OutputFormat format, ImageMetadata metadata, Path target)
            throws IOException {
        ImageWriting.write(image, format, jpegQuality, metadata, target);
    }

    /** Encodes colour (1 or 3 channels) and optional alpha in {@code format}. */
    public byte[] encode(FloatImage colour, Optional<AlphaPlane> alpha, OutputFormat format) throws IOException {
        return encode(colour, alpha, format, ImageMetadata.NONE);
    }

    /** As {@link #encode(FloatImage, Optional, OutputFormat)}, with {@code metadata} where the format holds it. */
    public byte[] encode(FloatImage colour, Optional<AlphaPlane> alpha, OutputFormat format, ImageMetadata metadata)
            throws IOException {
        if (colour.channels() != 1 && colour.channels() != 3) {
            throw new IllegalArgumentException("only 1- or 3-channel images can be encoded, got " + colour.channels());
        }
        alpha.ifPresent(a -> checkSameSize(colour, a));
        AlphaPlane kept = format.supportsAlpha() ? alpha.orElse(null) : null;
        int depth = format.writtenBitDepth(colour.bitDepth());
        return ImageWriting.write(ImageComposer.compose(colour, kept, depth), format, jpegQuality, metadata);
    }

    /**
     * The sink record for {@code restored}, the model's result for {@code source}: encoded in
     * {@link #formatFor(DecodedImage)} at the source's bit depth with the source's alpha and metadata
     * (its orientation tag reset to 1, since the decoder turned the pixels upright), an XMP
     * provenance record added, and the timings with "encode" appended.
     */
    public RestoredImage restore(
            DecodedImage source,
            FloatImage restored,
            String task,
            OptionalDouble noiseLevel,
            Map<String, Long> timingsMillis)
            throws IOException {
        long start = System.nanoTime();
        FloatImage colour = source.colour().channels() == 1 ? restored.toOneChannel() : restored;
        colour = colour.withBitDepth(source.bitDepth());
        OutputFormat format = formatFor(source);
        byte[] bytes = encode(
                colour,
                source.alpha(),
                format,
                outputMetadata(
                        source.metadata(),
                        source.orientation(),
                        source.relativePath(),
                        source.page(),
                        source.pages(),
                        task,
                        noiseLevel));
        Map<String, Long> timings = new LinkedHashMap<>(timingsMillis);
        timings.put("encode", (System.nanoTime() - start) / 1_000_000);
        return new RestoredImage(
                        source.relativePath(),
                        outputPathFor(source),
                        format,
                        bytes,
                        colour.width(),
                        colour.height(),
                        format.writtenBitDepth(colour.bitDepth()),
                        task,
                        noiseLevel,
                        timings)
                .withPage(source.isPageOfMany() ? source.page() : 0);
    }

    /**
     * The metadata of the output of page {@code page} of {@code pages} of {@code relativePath}: the
     * source's {@code in}, its orientation tag reset to 1 when the decoder turned the pixels upright
     * ({@code orientation} is not 1), and an XMP provenance record added.
     */
    public ImageMetadata outputMetadata(
            ImageMetadata in,
            int orientation,
            String relativePath,
            int page,
            int pages,
            String task,
            OptionalDouble noiseLevel) {
        byte[] exif = orientation == 1 ? in.exif() : ExifOrientation.reset(in.exif());
        byte[] xmp = XmpProvenance.add(
                in.xmp(),
                relativePath,
                provenance.softwareAgent(),
                parameters(page, pages, task, noiseLevel),
                provenance.time());
        return new ImageMetadata(exif, in.iptc(), xmp, in.icc(), in.dpiX(), in.dpiY());
    }

    private String parameters(int page, int pages, String task, OptionalDouble noiseLevel) {
        StringBuilder p = new StringBuilder("restored: task=").append(task);
        if (pages > 1) {
            p.append("; page=").append(page).append(" of ").append(pages);
        }
        if (!provenance.model().isEmpty()) {
            p.append("; model=").append(provenance.model());
        }
        if (!provenance.weightsSha256().isEmpty()) {
            p.append("; weights-sha256=").append(provenance.weightsSha256());
        }
        provenance.seed().ifPresent(seed -> p.append("; seed=").append(seed));
        noiseLevel.ifPresent(sigma -> p.append("; noise-level=").append(String.format(Locale.ROOT, "%.2f", sigma)));
        return p.toString();
    }

    private static void checkSameSize(FloatImage colour, AlphaPlane alpha) {
        if (alpha.width() != colour.width() || alpha.height() != colour.height()) {
            throw new IllegalArgumentException("alpha " + alpha + " does not match the colour " + colour
                    + "; the restored image must keep the source's size");
        }
    }

    @Override
    public String toString() {
        return "ImageEncoder[format=" + (override == null ? "as input" : override) + ", jpegQuality=" + jpegQuality
                + "]";
    }

    /** Builder of {@link ImageEncoder}s. */
    public static final class Builder {

        private OutputFormat override;
        private float jpegQuality = DEFAULT_JPEG_QUALITY;
        private Provenance provenance = Provenance.of(DEFAULT_AGENT);

        private Builder() {}

        /** Writes every output in this format (png, tiff or jpeg; see {@link OutputFormat#parseOverride}). */
        public Builder optFormat(OutputFormat format) {
            if (format != OutputFormat.PNG && format != OutputFormat.TIFF && format != OutputFormat.JPEG) {
                throw new IllegalArgumentException("output format override must be png|tiff|jpeg, got " + format);
            }
            this.override = format;
            return this;
        }

        /** JPEG quality in (0, 1] (default 0.95). */
        public Builder optJpegQuality(float quality) {
            if (!(quality > 0 && quality <= 1)) {
                throw new IllegalArgumentException("JPEG quality must be in (0, 1], got " + quality);
            }
            this.jpegQuality = quality;
            return this;
        }

        /** What made the outputs, for their XMP provenance record (default: {@value ImageEncoder#DEFAULT_AGENT} alone). */
        public Builder optProvenance(Provenance provenance) {
            this.provenance = Objects.requireNonNull(provenance, "provenance");
            return this;
        }

        public ImageEncoder build() {
            return new ImageEncoder(override, jpegQuality, provenance);
        }
    }
}
