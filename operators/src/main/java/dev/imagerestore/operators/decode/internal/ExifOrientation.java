package dev.imagerestore.operators.decode.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Sets the orientation tag (274) of a TIFF-structured EXIF block to 1 ("as stored") in place, for
 * outputs whose pixels the decoder already turned upright. Patched in place rather than rewritten:
 * a rewritten directory moves the maker notes, whose inner offsets are absolute and would break.
 */
public final class ExifOrientation {

    private static final int ORIENTATION = 274;
    private static final int SHORT = 3;

    private ExifOrientation() {}

    /** A copy of {@code exif} with IFD0's orientation set to 1; an unreadable block is returned as is. */
    public static byte[] reset(byte[] exif) {
        byte[] copy = exif.clone();
        if (copy.length < 8) {
            return copy;
        }
        ByteBuffer in = ByteBuffer.wrap(copy).order(copy[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        long ifd = in.getInt(4) & 0xffffffffL;
        if (ifd < 8 || ifd + 2 > copy.length) {
            return copy;
        }
        int entries = in.getShort((int) ifd) & 0xffff;
        for (int i = 0; i < entries; i++) {
            int at = (int) ifd + 2 + 12 * i;
            if (at + 12 > copy.length) {
                break;
            }
            if ((in.getShort(at) & 0xffff) == ORIENTATION && in.getShort(at + 2) == SHORT) {
                in.putShort(at + 8, (short) 1);
            }
        }
        return copy;
    }
}
