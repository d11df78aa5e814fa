package dev.imagerestore.operators.decode.internal;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import dev.imagerestore.operators.ImageFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The EXIF/TIFF orientation tag (274) and the pixel remapping it asks for.
 *
 * <p>Values 1-8 as in the EXIF 2.3 specification (JEITA CP-3451, tag 0x0112): where row 0 and
 * column 0 of the stored image are in the displayed image. 1 = as stored, 2 = mirrored, 3 = rotated
 * 180, 4 = flipped, 5 = transposed, 6 = rotate 90 clockwise to display, 7 = transversed,
 * 8 = rotate 90 counter-clockwise to display. The tag is read with TwelveMonkeys' metadata readers
 * from the JPEG APP1 "Exif" segment or from the IFD of a TIFF's page; an unreadable tag counts as 1.
 */
public final class Orientation {

    private Orientation() {}

    /** The orientation of page {@code index} (from 0) of {@code file} in {@code format}; 1 for formats without one. */
    public static int of(ImageFile file, String format, int index) {
        if (!format.equals("jpeg") && !format.equals("tiff")) {
            return 1;
        }
        try (ImageInputStream in = file.openImageStream()) {
            return format.equals("jpeg") ? ofJpeg(in) : ofTiff(in, index);
        } catch (IOException | RuntimeException unreadable) {
            return 1;
        }
    }

    /** The orientation of a JPEG's EXIF segment, 1 if there is none. */
    public static int ofJpeg(ImageInputStream in) {
        try {
            List<JPEGSegment> exif = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
            if (exif.isEmpty()) {
                return 1;
            }
            InputStream data = exif.get(0).data();
            if (data.read() != 0) {
                return 1;
            }
            try (ImageInputStream tiff = new MemoryCacheImageInputStream(data)) {
                return orientationOf(new TIFFReader().read(tiff), 0);
            }
        } catch (IOException | RuntimeException unreadable) {
            return 1;
        }
    }

    /** The orientation in the IFD of a TIFF's page {@code index} (from 0), 1 if there is none. */
    public static int ofTiff(ImageInputStream in, int index) {
        try {
            return orientationOf(new TIFFReader().read(in), index);
        } catch (IOException | RuntimeException unreadable) {
            return 1;
        }
    }

    private static int orientationOf(Directory directory, int index) {
        Directory first = MetadataReading.ifd(directory, index);
        Entry entry = first.getEntryById(TIFF.TAG_ORIENTATION);
        if (entry == null || !(entry.getValue() instanceof Number value)) {
            return 1;
        }
        int orientation = value.intValue();
        return orientation >= 1 && orientation <= 8 ? orientation : 1;
    }

    /** Whether the orientation swaps width and height. */
    public static boolean swapsAxes(int orientation) {
        return orientation >= 5;
    }

    /**
     * The index, in a stored {@code width x height} plane, of the pixel displayed at ({@code x},
     * {@code y}) of the oriented plane.
     */
    public static int sourceIndex(int orientation, int x, int y, int width, int height) {
        return switch (orientation) {
            case 2 -> y * width + (width - 1 - x);
            case 3 -> (height - 1 - y) * width + (width - 1 - x);
            case 4 -> (height - 1 - y) * width + x;
            case 5 -> x * width + y;
            case 6 -> (height - 1 - x) * width + y;
            case 7 -> (height - 1 - x) * width + (width - 1 - y);
            case 8 -> x * width + (width - 1 - y);
            default -> y * width + x;
        };
    }

    /** The planes (planar, {@code planes} of {@code width x height}) in display orientation. */
    public static float[] apply(int orientation, float[] samples, int planes, int width, int height) {
        if (orientation == 1) {
            return samples;
        }
        int outWidth = swapsAxes(orientation) ? height : width;
        int outHeight = swapsAxes(orientation) ? width : height;
        int plane = width * height;
        float[] out = new float[samples.length];
        for (int p = 0; p < planes; p++) {
            int base = p * plane;
            for (int y = 0; y < outHeight; y++) {
                for (int x = 0; x < outWidth; x++) {
                    out[base + y * outWidth + x] = samples[base + sourceIndex(orientation, x, y, width, height)];
                }
            }
        }
        return out;
    }

    /** One plane of levels in display orientation. */
    public static short[] apply(int orientation, short[] levels, int width, int height) {
        if (orientation == 1) {
            return levels;
        }
        int outWidth = swapsAxes(orientation) ? height : width;
        int outHeight = swapsAxes(orientation) ? width : height;
        short[] out = new short[levels.length];
        for (int y = 0; y < outHeight; y++) {
            for (int x = 0; x < outWidth; x++) {
                out[y * outWidth + x] = levels[sourceIndex(orientation, x, y, width, height)];
            }
        }
        return out;
    }
}
