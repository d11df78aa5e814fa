package dev.imagerestore.job.review.internal;

import dev.imagerestore.models.image.FloatImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * An input shrunk to a thumbnail with its damage mask as a red tint (a thumbnail pixel is tinted
 * where any pixel of the mask under it is set, so hairlines stay visible), and its output shrunk the
 * same way, for {@link dev.imagerestore.job.review.MaskSheet}. Files are decoded as the review page
 * decodes them ({@link ReviewMedia}).
 */
public final class MaskedThumbnails {

    private final int side;
    private final ReviewMedia decoder;

    public MaskedThumbnails(int side) {
        if (side < 16) {
            throw new IllegalArgumentException("thumbnail side must be at least 16 pixels, got " + side);
        }
        this.side = side;
        this.decoder = new ReviewMedia(Path.of("."), Long.MAX_VALUE);
    }

    private static boolean any(BufferedImage mask, int x0, int y0, int x1, int y1) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = mask.getRGB(x, y);
                if (((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3 > 127) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The input with its mask overlaid, and the output; both at most {@code side} on their longer side. */
    public BufferedImage[] pair(
            Path inputFile, String inputPath, int page, Path outputFile, String outputPath, Path mask)
            throws IOException {
        FloatImage input = decoder.decodeFile(inputFile, inputPath, page);
        FloatImage output = decoder.decodeFile(outputFile, outputPath, 0);
        BufferedImage before = Raster8.thumbnail(input, side);
        BufferedImage source = ImageIO.read(mask.toFile());
        if (source == null) {
            throw new IOException("mask " + mask + " is not an image ImageIO can read");
        }
        // a thumbnail pixel is red where any mask pixel of its box is set, so hairline cracks stay visible
        int w = before.getWidth();
        int h = before.getHeight();
        for (int ty = 0; ty < h; ty++) {
            int y0 = (int) ((long) ty * source.getHeight() / h);
            int y1 = Math.max(y0 + 1, (int) ((long) (ty + 1) * source.getHeight() / h));
            for (int tx = 0; tx < w; tx++) {
                int x0 = (int) ((long) tx * source.getWidth() / w);
                int x1 = Math.max(x0 + 1, (int) ((long) (tx + 1) * source.getWidth() / w));
                if (any(source, x0, y0, x1, y1)) {
                    int rgb = before.getRGB(tx, ty);
                    int r = (((rgb >> 16) & 0xff) * 2 + 3 * 255) / 5;
                    int g = (((rgb >> 8) & 0xff) * 2 + 3 * 32) / 5;
                    int b = ((rgb & 0xff) * 2 + 3 * 32) / 5;
                    before.setRGB(tx, ty, (r << 16) | (g << 8) | b);
                }
            }
        }
        return new BufferedImage[] {before, Raster8.thumbnail(output, side)};
    }
}
