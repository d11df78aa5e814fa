package dev.imagerestore.job.review.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A damage mask (white = repaired, any size, read with ImageIO and resized nearest-neighbour to the
 * image, as the job reads masks) as a translucent red overlay of one window of the image.
 */
final class MaskOverlay {

    private static final int RED = 0x96ff2020;

    private MaskOverlay() {}

    static BufferedImage window(Path mask, int imageWidth, int imageHeight, int x, int y, int w, int h)
            throws IOException {
        BufferedImage source = ImageIO.read(mask.toFile());
        if (source == null) {
            throw new IOException("mask " + mask + " is not an image ImageIO can read");
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int row = 0; row < h; row++) {
            int sy = (int) ((long) (y + row) * source.getHeight() / imageHeight);
            for (int col = 0; col < w; col++) {
                int sx = (int) ((long) (x + col) * source.getWidth() / imageWidth);
                int rgb = source.getRGB(sx, sy);
                int gray = ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3;
                out.setRGB(col, row, gray > 127 ? RED : 0);
            }
        }
        return out;
    }
}
