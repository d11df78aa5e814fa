package dev.imagerestore.operators.decode.internal;

import dev.imagerestore.operators.decode.ImageDecodeException;
import java.util.Locale;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;

/**
 * Turns a reader's "premature end of file" warning into a failure: JPEG decoders fill a truncated
 * image with gray and only warn, and a half-gray image is not worth restoring. Other warnings (for
 * example extraneous bytes before a marker) are harmless and ignored.
 */
final class TruncationWatch implements IIOReadWarningListener {

    private String warning;

    static TruncationWatch on(ImageReader reader) {
        TruncationWatch watch = new TruncationWatch();
        reader.addIIOReadWarningListener(watch);
        return watch;
    }

    @Override
    public void warningOccurred(ImageReader source, String message) {
        String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (warning == null && (lower.contains("premature end") || lower.contains("truncat"))) {
            warning = message;
        }
    }

    void check(String path) throws ImageDecodeException {
        if (warning != null) {
            throw new ImageDecodeException(path, "truncated image: " + warning);
        }
    }
}
