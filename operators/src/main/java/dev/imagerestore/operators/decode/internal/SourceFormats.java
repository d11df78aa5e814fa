package dev.imagerestore.operators.decode.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageReader;

/** The canonical names of the formats the decoder accepts, from an ImageIO reader's format names. */
final class SourceFormats {

    /** What the decoder reads, for error messages. */
    static final String SUPPORTED = "PNG, JPEG, TIFF, BMP, PNM (PBM/PGM/PPM/PAM) and GIF";

    private SourceFormats() {}

    /** png, jpeg, tiff, bmp, pnm or gif; empty for any other format a reader on the class path knows. */
    static Optional<String> canonical(ImageReader reader) {
        String[] names = reader.getOriginatingProvider() == null
                ? new String[0]
                : reader.getOriginatingProvider().getFormatNames();
        return Arrays.stream(names)
                .map(n -> n.toLowerCase(Locale.ROOT))
                .map(SourceFormats::canonical)
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Optional<String> canonical(String name) {
        return switch (name) {
            case "png" -> Optional.of("png");
            case "jpeg", "jpg" -> Optional.of("jpeg");
            case "tiff", "tif" -> Optional.of("tiff");
            case "bmp" -> Optional.of("bmp");
            case "pnm", "pbm", "pgm", "ppm", "pam" -> Optional.of("pnm");
            case "gif" -> Optional.of("gif");
            default -> Optional.empty();
        };
    }

    /** A format name for messages when the reader is not one we accept. */
    static String describe(ImageReader reader) {
        return reader.getOriginatingProvider() == null
                ? reader.getClass().getSimpleName()
                : reader.getOriginatingProvider().getFormatNames()[0];
    }
}
