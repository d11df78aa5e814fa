package dev.imagerestore.operators;

import dev.imagerestore.operators.internal.RelativePaths;
import dev.imagerestore.operators.internal.TypeInfoFactories;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
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
    public RestoredImage(String inputPath, String outputPath, OutputFormat format, byte[] encoded, int width,
            int height, int bitDepth, String task, OptionalDouble noiseLevel, Map<String, Long> timingsMillis) {
        this(inputPath, outputPath, format, encoded, width, height, bitDepth, task, noiseLevel, timingsMillis,
                OptionalDouble.empty());
    }

    /**
     * As the ten-argument constructor, with the fraction of pixels an inpainting task repaired.
     *
     * @param maskedFraction fraction of pixels masked for inpainting, in [0, 1], if the task inpainted
     */
    public RestoredImage(String inputPath, String outputPath, OutputFormat format, byte[] encoded, int width,
            int height, int bitDepth, String task, OptionalDouble noiseLevel, Map<String, Long> timingsMillis,
            OptionalDouble maskedFraction) {
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
        return new RestoredImage(inputPath, outputPath, format, encoded, width, height, bitDepth, task, noiseLevel,
                timingsMillis, OptionalDouble.of(fraction));
    }

    /** Milliseconds per stage, in pipeline order; unmodifiable. */
    public Map<String, Long> timingsMillis() {
        return timingsMillis;
    }

    /** This image with one more timing appended (or replaced). */
    public RestoredImage withTiming(String stage, long millis) {
        Map<String, Long> timings = new LinkedHashMap<>(timingsMillis);
        timings.put(stage, millis);
        return new RestoredImage(inputPath, outputPath, format, encoded, width, height, bitDepth, task, noiseLevel, timings,
                maskedFraction);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RestoredImage other && inputPath.equals(other.inputPath)
                && outputPath.equals(other.outputPath) && format == other.format && width == other.width
                && height == other.height && bitDepth == other.bitDepth && task.equals(other.task)
                && noiseLevel.equals(other.noiseLevel) && timingsMillis.equals(other.timingsMillis)
                && maskedFraction.equals(other.maskedFraction)
                && Arrays.equals(encoded, other.encoded);
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputPath, outputPath, format, width, height);
    }

    @Override
    public String toString() {
        return "RestoredImage[" + inputPath + " -> " + outputPath + ", " + width + "x" + height + ", " + bitDepth
                + "-bit " + format + ", " + encoded.length + " bytes]";
    }
}
