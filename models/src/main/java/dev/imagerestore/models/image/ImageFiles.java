package dev.imagerestore.models.image;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Reads and writes {@link FloatImage}s with ImageIO (and the TwelveMonkeys plugins on the class
 * path): 8- and 16-bit grayscale and colour; alpha is dropped here (the Flink job keeps it apart).
 * Used by training, evaluation and tests; the job's decoder handles the hostile-input checks.
 */
public final class ImageFiles {

    private static final List<String> EXTENSIONS =
            List.of(".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".pgm", ".ppm");

    private ImageFiles() {}

    /** Decodes an image file. */
    public static FloatImage read(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException(file + ": no ImageIO reader recognises this file");
        }
        return fromBufferedImage(image);
    }

    /** The colour (or gray) samples of a decoded image, scaled to [0, 1]. */
    public static FloatImage fromBufferedImage(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int colourBands = image.getColorModel().getNumColorComponents();
        Raster raster = image.getRaster();
        int bits = raster.getSampleModel().getSampleSize(0);
        boolean direct = !(image.getColorModel() instanceof IndexColorModel)
                && (colourBands == 1 || image.getColorModel().getColorSpace().isCS_sRGB())
                && (bits == 8 || bits == 16);
        int plane = width * height;
        if (direct) {
            float scale = 1f / ((1 << bits) - 1);
            float[] out = new float[colourBands * plane];
            int[] band = new int[plane];
            for (int c = 0; c < colourBands; c++) {
                raster.getSamples(0, 0, width, height, c, band);
                for (int i = 0; i < plane; i++) {
                    out[c * plane + i] = band[i] * scale;
                }
            }
            return FloatImage.wrap(colourBands, height, width, bits, out);
        }
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        boolean gray = colourBands == 1;
        float[] out = new float[(gray ? 1 : 3) * plane];
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            if (gray) {
                out[i] = (p & 0xff) / 255f;
            } else {
                out[i] = ((p >> 16) & 0xff) / 255f;
                out[plane + i] = ((p >> 8) & 0xff) / 255f;
                out[2 * plane + i] = (p & 0xff) / 255f;
            }
        }
        return FloatImage.wrap(gray ? 1 : 3, height, width, 8, out);
    }

    /**
     * A BufferedImage of the image at its bit depth, samples clamped to [0, 1] and rounded: 8-bit
     * images become {@code TYPE_3BYTE_BGR}/{@code TYPE_BYTE_GRAY}, 16-bit ones
     * {@code TYPE_USHORT_GRAY} or a 16-bit RGB raster.
     */
    public static BufferedImage toBufferedImage(FloatImage image) {
        int width = image.width();
        int height = image.height();
        boolean gray = image.channels() == 1;
        BufferedImage out;
        if (image.bitDepth() == 16) {
            out = gray ? new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY) : Rgb16.create(width, height);
        } else {
            out = new BufferedImage(width, height, gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        }
        WritableRaster raster = out.getRaster();
        int max = image.bitDepth() == 16 ? 65535 : 255;
        int plane = width * height;
        float[] samples = image.toArray();
        int[] values = new int[plane];
        for (int c = 0; c < image.channels(); c++) {
            for (int i = 0; i < plane; i++) {
                values[i] = quantize(samples[c * plane + i], max);
            }
            raster.setSamples(0, 0, width, height, c, values);
        }
        return out;
    }

    /** Rounds a [0,1] sample to an integer level in [0, max], clamping first. */
    public static int quantize(float value, int max) {
        float v = value < 0 ? 0 : (value > 1 ? 1 : value);
        return Math.round(v * max);
    }

    /** Encodes to a file; the format is taken from the extension (png, tif, jpg, bmp, ppm/pgm). */
    public static void write(FloatImage image, Path file) throws IOException {
        String format = formatOf(file);
        if (!ImageIO.write(toBufferedImage(image), format, file.toFile())) {
            throw new IOException(file + ": no ImageIO writer for format '" + format + "' with this image type");
        }
    }

    /** The ImageIO format name for a file's extension. */
    public static String formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        return switch (ext) {
            case "jpg", "jpeg" -> "jpeg";
            case "tif", "tiff" -> "tiff";
            case "pgm", "ppm", "pnm" -> "pnm";
            default -> ext;
        };
    }

    /** The image files directly or recursively under a folder, sorted by path. */
    public static List<Path> list(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": not a directory");
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(ImageFiles::isImage)
                    .sorted()
                    .toList();
        }
    }

    static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && EXTENSIONS.stream().anyMatch(name::endsWith);
    }
}
