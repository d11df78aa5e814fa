package dev.imagerestore.operators.decode;

import java.io.IOException;

/**
 * A file that cannot be decoded: corrupt, truncated, of an unsupported kind, or larger than the
 * limits. The message starts with the file's relative path and, for limits, names the value, the
 * limit and the option that raises it.
 */
public final class ImageDecodeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String file;

    public ImageDecodeException(String file, String detail) {
        super(file + ": " + detail);
        this.file = file;
    }

    public ImageDecodeException(String file, String detail, Throwable cause) {
        super(file + ": " + detail, cause);
        this.file = file;
    }

    /** The relative path of the file that failed. */
    public String file() {
        return file;
    }
}
