package dev.imagerestore.models.damage;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Contact sheets of rendered damage, for looking at by eye: one row per generator, and for each clean
 * image two panels, the damaged image and the same with the damage mask tinted red and the stain mask
 * blue. {@link DamageSheetTest} writes them to the folder named by {@code -Ddamage.sheets=DIR}.
 */
final class DamageSheets {

    private static final int GAP = 4;

    private DamageSheets() {}

    static BufferedImage sheet(List<FloatImage> cleans, List<DamageGenerator> rows, int scale) {
        int ph = cleans.get(0).height() * scale;
        int pw = cleans.get(0).width() * scale;
        int columns = 2 * cleans.size();
        BufferedImage out =
                new BufferedImage(columns * (pw + GAP), rows.size() * (ph + GAP), BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < rows.size(); r++) {
            for (int i = 0; i < cleans.size(); i++) {
                Damaged d = rows.get(r).render(cleans.get(i), i);
                BufferedImage damaged = ImageFiles.toBufferedImage(d.image().toThreeChannels());
                int y0 = r * (ph + GAP);
                int x0 = 2 * i * (pw + GAP);
                for (int y = 0; y < ph; y++) {
                    for (int x = 0; x < pw; x++) {
                        int rgb = damaged.getRGB(x / scale, y / scale);
                        out.setRGB(x0 + x, y0 + y, rgb);
                        out.setRGB(
                                x0 + pw + GAP + x,
                                y0 + y,
                                overlay(
                                        rgb,
                                        d.mask().get(y / scale, x / scale),
                                        d.stainMask().get(y / scale, x / scale)));
                    }
                }
            }
        }
        return out;
    }

    private static int overlay(int rgb, boolean lost, boolean stained) {
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        if (lost) {
            return 0xFF0000 | (g / 3) << 8 | b / 3;
        }
        if (stained) {
            return (r / 2) << 16 | (g / 2) << 8 | Math.min(255, b / 2 + 128);
        }
        return rgb;
    }
}
