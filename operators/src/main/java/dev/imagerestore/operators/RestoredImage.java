package dev.imagerestore.operators;

import dev.imagerestore.operators.files.RelativePaths;
import dev.imagerestore.operators.internal.TypeInfoFactories;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A restored image ready for the sink: the encoded output file and the fields of its report line.
 *
 * <p>The image travels <em>encoded</em> (PNG/TIFF/JPEG... bytes) rather than as floats: encoding
 * happens once, in the operator that restored it, the sink only writes bytes, and the network
 * carries compressed data. Immutable; the instance owns the encoded bytes ({@link #openStream()}
 * reads them without a copy). Serialized by
 * {@link dev.imagerestore.operators.internal.RestoredImageSerializer} (no Kryo).
 */
@TypeInfo(TypeInfoFactories.RestoredImageFactory.class)
public final class RestoredImage {

    private final String inputPath;
    private final String outputPath;
    private final OutputFormat format;
    private final byte[] encoded;
    private final int width;
    private final int height;
    private final int bitDepth;
    private final String task;
    private final OptionalDouble noiseLevel;
    private final Map<String, Long> timingsMillis;
    private final OptionalDouble maskedFraction;
    private final OptionalDouble rmsChange;
    private final OptionalDouble maskConfidence;
    private final Optional<SideFile> sideFile;
    private final int page;

    /**
     * @param inputPath input path relative to the input root
     * @param outputPath output path relative to the output root
     * @param format the format of {@code encoded}
     * @param encoded the output file's bytes, which the instance now owns
     * @param width output width in pixels
     * @param height output height in pixels
     * @param bitDepth bits per sample written (8 or 16)
     * @param task what was done (for example "denoise"), as the report names it
     * @param noiseLevel the noise level used, if the task has one
     * @param timingsMillis milliseconds per stage, in pipeline order (copied)
     */
    public RestoredImage(
            String inputPath,
            String outputPath,
            OutputFormat format,
            byte[] encoded,
            int width,
            int height,
            int bitDepth,
            String task,
            OptionalDouble noiseLevel,
            Map<String, Long> timingsMillis) {
        this(
                inputPath,
                outputPath,
                format,
                encoded,
                width,
                height,
                bitDepth,
                task,
                noiseLevel,
                timingsMillis,
                OptionalDouble.empty());
    }

    /**
     * As the ten-argument constructor, with the fraction of pixels an inpainting task repaired.
     *
     * @param maskedFraction fraction of pixels masked for inpainting, in [0, 1], if the task inpainted
     */
    public RestoredImage(
            String inputPath,
            String outputPath,
            OutputFormat format,
            byte[] encoded,
            int width,
            int height,
            int bitDepth,
            String task,
            OptionalDouble noiseLevel,
            Map<String, Long> timingsMillis,
            OptionalDouble maskedFraction) {
        this(
                inputPath,
                outputPath,
                format,
                encoded,
                width,
                height,
                bitDepth,
                task,
                noiseLevel,
                timingsMillis,
                maskedFraction,
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                Optional.empty());
    }

    /**
     * As the eleven-argument constructor, with the measures of a blind restoration and a file to
     * write next to the image.
     *
     * @param rmsChange root-mean-square change from the input, in 8-bit levels, if the task measures it
     * @param maskConfidence a detector's mean damage probability over the pixels it flagged, in [0, 1], if one ran
     * @param sideFile a file written and committed with the image (the mask used), if any
     */
    public RestoredImage(
            String inputPath,
            String outputPath,
            OutputFormat format,
            byte[] encoded,
            int width,
            int height,
            int bitDepth,
            String task,
            OptionalDouble noiseLevel,
            Map<String, Long> timingsMillis,
            OptionalDouble maskedFraction,
            OptionalDouble rmsChange,
            OptionalDouble maskConfidence,
            Optional<SideFile> sideFile) {
        this(
                inputPath,
                outputPath,
                format,
                encoded,
                width,
                height,
                bitDepth,
                task,
                noiseLevel,
                timingsMillis,
                maskedFraction,
                rmsChange,
                maskConfidence,
                sideFile,
                0);
    }

    private RestoredImage(
            String inputPath,
            String outputPath,
            OutputFormat format,
            byte[] encoded,
            int width,
            int height,
            int bitDepth,
            String task,
            OptionalDouble noiseLevel,
            Map<String, Long> timingsMillis,
            OptionalDouble maskedFraction,
            OptionalDouble rmsChange,
            OptionalDouble maskConfidence,
            Optional<SideFile> sideFile,
            int page) {
        this.inputPath = RelativePaths.check(inputPath);
        this.outputPath = RelativePaths.check(outputPath);
        this.format = Objects.requireNonNull(format, "format");
        this.encoded = Objects.requireNonNull(encoded, "encoded");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("dimensions must be positive, got " + width + "x" + height);
        }
        if (bitDepth != 8 && bitDepth != 16) {
            throw new IllegalArgumentException("bitDepth must be 8 or 16, got " + bitDepth);
        }
        this.width = width;
        this.height = height;
        this.bitDepth = bitDepth;
        this.task = Objects.requireNonNull(task, "task");
        this.noiseLevel = Objects.requireNonNull(noiseLevel, "noiseLevel");
        this.timingsMillis = Collections.unmodifiableMap(new LinkedHashMap<>(timingsMillis));
        this.maskedFraction = Objects.requireNonNull(maskedFraction, "maskedFraction");
        if (maskedFraction.isPresent() && !(maskedFraction.getAsDouble() >= 0 && maskedFraction.getAsDouble() <= 1)) {
            throw new IllegalArgumentException("maskedFraction must be in [0, 1], got " + maskedFraction.getAsDouble());
        }
        this.rmsChange = Objects.requireNonNull(rmsChange, "rmsChange");
        if (rmsChange.isPresent() && !(rmsChange.getAsDouble() >= 0)) {
            throw new IllegalArgumentException("rmsChange must be >= 0, got " + rmsChange.getAsDouble());
        }
        this.maskConfidence = Objects.requireNonNull(maskConfidence, "maskConfidence");
        if (maskConfidence.isPresent() && !(maskConfidence.getAsDouble() >= 0 && maskConfidence.getAsDouble() <= 1)) {
            throw new IllegalArgumentException("maskConfidence must be in [0, 1], got " + maskConfidence.getAsDouble());
        }
        this.sideFile = Objects.requireNonNull(sideFile, "sideFile");
        if (page < 0) {
            throw new IllegalArgumentException("page must be >= 0 (0 for a single image), got " + page);
        }
        this.page = page;
    }

    public String inputPath() {
        return inputPath;
    }

    public String outputPath() {
        return outputPath;
    }

    public OutputFormat format() {
        return format;
    }

    /** A copy of the encoded bytes. */
    public byte[] encoded() {
        return encoded.clone();
    }

    /** A stream over the encoded bytes, without copying them. */
    public InputStream openStream() {
        return new ByteArrayInputStream(encoded);
    }

    public int encodedLength() {
        return encoded.length;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int bitDepth() {
        return bitDepth;
    }

    public String task() {
        return task;
    }

    public OptionalDouble noiseLevel() {
        return noiseLevel;
    }

    /** The fraction of pixels masked for inpainting, if the task inpainted. */
    public OptionalDouble maskedFraction() {
        return maskedFraction;
    }

    /** This image with the fraction of pixels masked for inpainting recorded. */
    public RestoredImage withMaskedFraction(double fraction) {
        return new RestoredImage(
                inputPath,
                outputPath,
                format,
                encoded,
                width,
                height,
                bitDepth,
                task,
                noiseLevel,
                timingsMillis,
                OptionalDouble.of(fraction),
                rmsChange,
                maskConfidence,
                sideFile,
                page);
    }

    /** The root-mean-square change from the input in 8-bit levels, if the task measured it. */
    public OptionalDouble rmsChange() {
        return rmsChange;
    }

    /** A damage detector's mean probability over the pixels it flagged, if one ran. */
    public OptionalDouble maskConfidence() {
        return maskConfidence;
    }

    /** The file written next to the image, if any. */
    public Optional<SideFile> sideFile() {
        return sideFile;
    }

    /** This image with the measures of a blind restoration (each empty when not measured). */
    public RestoredImage withRestorationMeasures(OptionalDouble rms, OptionalDouble confidence) {
        return new RestoredImage(
                inputPath,
                outputPath,
                format,
                encoded,
                width,
                height,
                bitDepth,
                task,
                noiseLevel,
                timingsMillis,
                maskedFraction,
                rms,
                confidence,
                sideFile,
                page);
    }

    /** This image with {@code file} to write and commit next to it. */
    public RestoredImage withSideFile(SideFile file) {
        return new RestoredImage(
                inputPath,
                outputPath,
                format,
                encoded,
                width,
                height,
                bitDepth,
                task,
                noiseLevel,
                timingsMillis,
                maskedFraction,
                rmsChange,
                maskConfidence,
                Optional.of(file),
                page);
    }

    /** The page of a multi-page input this is the output of, from 1; 0 for the output of a single image. */
    public int page() {
        return page;
    }

    /** This image as the output of page {@code page} (from 1) of a multi-page input; 0 for a single image. */
    public RestoredImage withPage(int page) {
        return new RestoredImage(
                inputPath,
                outputPath,
                format,
                encoded,
                width,
                height,
                bitDepth,
                task,
                noiseLevel,
                timingsMillis,
                maskedFraction,
                rmsChange,
                maskConfidence,
                sideFile,
                page);
    }

    /** Milliseconds per stage, in pipeline order; unmodifiable. */
    public Map<String, Long> timingsMillis() {
        return timingsMillis;
    }

    /** This image with one more timing appended (or replaced). */
    public RestoredImage withTiming(String stage, long millis) {
        Map<String, Long> timings = new LinkedHashMap<>(timingsMillis);
        timings.put(stage, millis);
        return new RestoredImage(
                inputPath,
                outputPath,
                format,
                encoded,
                width,
                height,
                bitDepth,
                task,
                noiseLevel,
                timings,
                maskedFraction,
                rmsChange,
                maskConfidence,
                sideFile,
                page);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RestoredImage other
                && inputPath.equals(other.inputPath)
                && outputPath.equals(other.outputPath)
                && format == other.format
                && width == other.width
                && height == other.height
                && bitDepth == other.bitDepth
                && task.equals(other.task)
                && noiseLevel.equals(other.noiseLevel)
                && timingsMillis.equals(other.timingsMillis)
                && maskedFraction.equals(other.maskedFraction)
                && rmsChange.equals(other.rmsChange)
                && maskConfidence.equals(other.maskConfidence)
                && sideFile.equals(other.sideFile)
                && page == other.page
                && Arrays.equals(encoded, other.encoded);
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputPath, outputPath, format, width, height);
    }

    @Override
    public String toString() {
        return "RestoredImage[" + inputPath + (page > 0 ? " page " + page : "") + " -> " + outputPath + ", " + width
                + "x" + height + ", " + bitDepth + "-bit " + format + ", " + encoded.length + " bytes]";
    }
}
