package dev.imagerestore.operators;

import dev.imagerestore.operators.files.RelativePaths;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The formats outputs are written in, with what each can hold.
 *
 * <p>Rule (applied by {@link dev.imagerestore.operators.decode.ImageEncoder}): the output format is
 * the input's format unless the user overrides it with {@link #parseOverride} ({@code png|tiff|jpeg});
 * GIF input is written as PNG; without an override, an image with alpha whose format cannot hold
 * alpha is written as PNG rather than losing its alpha. A format without 16-bit support writes 8
 * bits; an explicit JPEG override drops alpha.
 */
public enum OutputFormat {
    PNG("png", List.of("png"), true, true),
    TIFF("tiff", List.of("tif", "tiff"), true, true),
    JPEG("jpeg", List.of("jpg", "jpeg"), false, false),
    BMP("bmp", List.of("bmp"), false, false),
    /** Binary PGM (gray) or PPM (colour), 8 or 16 bits. */
    PNM("pnm", List.of("ppm", "pgm", "pnm"), false, true);

    private final String imageIoName;
    private final List<String> extensions;
    private final boolean alpha;
    private final boolean sixteenBit;

    OutputFormat(String imageIoName, List<String> extensions, boolean alpha, boolean sixteenBit) {
        this.imageIoName = imageIoName;
        this.extensions = extensions;
        this.alpha = alpha;
        this.sixteenBit = sixteenBit;
    }

    /** The ImageIO format name. */
    public String imageIoName() {
        return imageIoName;
    }

    public boolean supportsAlpha() {
        return alpha;
    }

    public boolean supports16Bit() {
        return sixteenBit;
    }

    /** The bit depth an image of {@code depth} bits is written with in this format. */
    public int writtenBitDepth(int depth) {
        return sixteenBit ? depth : 8;
    }

    /** The most pixels a JPEG has along either side (its header's 16-bit fields). */
    public static final int JPEG_MAX_SIDE = 65_535;

    /** The most bytes a classic TIFF or a BMP addresses (32-bit offsets and sizes). */
    public static final long FOUR_GIB = 1L << 32;

    /**
     * Why a file of this format cannot hold an image of {@code width} x {@code height} with
     * {@code samplesPerPixel} samples (colour and alpha) of {@code bitDepth} bits as this job writes
     * it, or empty when it can: a JPEG side above {@value #JPEG_MAX_SIDE} or more samples than the
     * JPEG writer's one raster takes (2^31 - 1), a TIFF or BMP whose samples alone pass 4 GiB (TIFF
     * is compressed, but noisy scans barely compress, and classic TIFF's offsets would wrap). PNG and
     * PNM hold any size. The reason ends with the fix.
     */
    public Optional<String> cannotHold(int width, int height, int samplesPerPixel, int bitDepth) {
        String fix = "; pass --format png, which holds any size";
        long samples = (long) width * height * samplesPerPixel;
        return switch (this) {
            case JPEG -> {
                if (width > JPEG_MAX_SIDE || height > JPEG_MAX_SIDE) {
                    yield Optional.of("a JPEG holds at most " + JPEG_MAX_SIDE + " pixels a side, and this image is "
                            + width + "x" + height + fix);
                }
                yield samples > Integer.MAX_VALUE
                        ? Optional.of(
                                "the JPEG writer takes at most 2^31 - 1 samples, and this image has " + samples + fix)
                        : Optional.empty();
            }
            case TIFF, BMP -> {
                long bytes = samples * ((writtenBitDepth(bitDepth) + 7) / 8);
                yield bytes >= FOUR_GIB
                        ? Optional.of("a " + (this == TIFF ? "classic TIFF" : "BMP") + " addresses at most 4 GiB, and "
                                + "this image's samples take " + bytes + " bytes" + fix)
                        : Optional.empty();
            }
            case PNG, PNM -> Optional.empty();
        };
    }

    /** The format an input of that canonical source format is written in when not overridden. */
    public static OutputFormat forSource(String sourceFormat) {
        return switch (sourceFormat) {
            case "jpeg" -> JPEG;
            case "tiff" -> TIFF;
            case "bmp" -> BMP;
            case "pnm" -> PNM;
            default -> PNG;
        };
    }

    /** Parses a user override: png, tiff (tif) or jpeg (jpg), case-insensitive. */
    public static OutputFormat parseOverride(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "png" -> PNG;
            case "tif", "tiff" -> TIFF;
            case "jpg", "jpeg" -> JPEG;
            default ->
                throw new IllegalArgumentException("output format must be one of png|tiff|jpeg, got '" + value + "'");
        };
    }

    /** The format chosen for an image, following the class rule. */
    public static OutputFormat choose(String sourceFormat, boolean hasAlpha, Optional<OutputFormat> override) {
        if (override.isPresent()) {
            return override.get();
        }
        OutputFormat natural = forSource(sourceFormat);
        return hasAlpha && !natural.alpha ? PNG : natural;
    }

    /**
     * The output path for an input path: the input's extension is kept when it names this format
     * (and, for PNM, the written kind: pgm for gray, ppm for colour), otherwise replaced.
     */
    public String outputPath(String inputRelativePath, int channels) {
        String name = RelativePaths.fileName(inputRelativePath);
        int dot = name.lastIndexOf('.');
        String stem = dot <= 0
                ? inputRelativePath
                : inputRelativePath.substring(0, inputRelativePath.length() - name.length() + dot);
        String ext = dot <= 0 ? "" : name.substring(dot + 1);
        String lower = ext.toLowerCase(Locale.ROOT);
        if (this == PNM) {
            String kind = channels == 1 ? "pgm" : "ppm";
            return lower.equals(kind) || lower.equals("pnm") ? inputRelativePath : stem + "." + kind;
        }
        return extensions.contains(lower) ? inputRelativePath : stem + "." + extensions.get(0);
    }
}
