package dev.imagerestore.job.review;

import com.google.gson.JsonObject;
import dev.imagerestore.job.review.internal.MaskedThumbnails;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A contact sheet of the damage masks a run used ({@code restore --save-masks}): one row per image,
 * the input with its mask as a red overlay beside the restored output, both shrunk to the same
 * side, captioned with the input's path and the masked share. Rows go from the most masked image
 * down, so the sheet shows first what the detector flagged most. Images the run masked nothing in
 * are listed in one line at the bottom.
 */
public final class MaskSheet {

    private static final int MARGIN = 8;
    private static final int CAPTION = 18;

    private MaskSheet() {}

    /**
     * Writes the sheet of the report {@code lines} (the ok lines with a {@code maskOutput} count) of a
     * run from {@code inputRoot} into {@code outputRoot} as a PNG at {@code sheet}; at most
     * {@code limit} rows, each picture at most {@code side} pixels on its longer side.
     *
     * @return the number of rows
     * @throws IOException naming the file that cannot be read or written
     */
    public static int write(List<JsonObject> lines, Path inputRoot, Path outputRoot, Path sheet, int limit, int side)
            throws IOException {
        List<JsonObject> masked = new ArrayList<>();
        List<String> clean = new ArrayList<>();
        for (JsonObject line : lines) {
            if (!"ok".equals(text(line, "status")) || !line.has("maskOutput")) {
                continue;
            }
            if (fraction(line) > 0) {
                masked.add(line);
            } else {
                clean.add(text(line, "input"));
            }
        }
        masked.sort(Comparator.comparingDouble(MaskSheet::fraction).reversed().thenComparing(l -> text(l, "input")));
        List<JsonObject> rows = masked.subList(0, Math.min(limit, masked.size()));
        MaskedThumbnails pictures = new MaskedThumbnails(side);
        List<BufferedImage[]> images = new ArrayList<>();
        for (JsonObject line : rows) {
            images.add(pictures.pair(
                    inputRoot.resolve(text(line, "input")),
                    text(line, "input"),
                    line.has("page") ? line.get("page").getAsInt() : 0,
                    outputRoot.resolve(text(line, "output")),
                    text(line, "output"),
                    outputRoot.resolve(text(line, "maskOutput"))));
        }
        int width = MARGIN * 3 + 2 * side;
        int height = MARGIN + CAPTION * 2;
        for (BufferedImage[] pair : images) {
            height += CAPTION + Math.max(pair[0].getHeight(), pair[1].getHeight()) + MARGIN;
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString("input with the mask used (red)", MARGIN, MARGIN + 12);
            g.drawString("restored", 2 * MARGIN + side, MARGIN + 12);
            int y = MARGIN + CAPTION;
            for (int i = 0; i < rows.size(); i++) {
                BufferedImage[] pair = images.get(i);
                g.drawString(
                        String.format(
                                Locale.ROOT,
                                "%s: %.2f %% masked",
                                text(rows.get(i), "input"),
                                100 * fraction(rows.get(i))),
                        MARGIN,
                        y + 13);
                y += CAPTION;
                g.drawImage(pair[0], MARGIN, y, null);
                g.drawImage(pair[1], 2 * MARGIN + side, y, null);
                y += Math.max(pair[0].getHeight(), pair[1].getHeight()) + MARGIN;
            }
            String rest = masked.size() > rows.size()
                    ? (masked.size() - rows.size()) + " more masked image(s) not shown; "
                    : "";
            g.drawString(rest + clean.size() + " image(s) with nothing masked", MARGIN, y + 13);
        } finally {
            g.dispose();
        }
        Path parent = sheet.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(out, "png", sheet.toFile())) {
            throw new IOException("no PNG writer for " + sheet);
        }
        return rows.size();
    }

    private static double fraction(JsonObject line) {
        return line.has("maskedFraction") && !line.get("maskedFraction").isJsonNull()
                ? line.get("maskedFraction").getAsDouble()
                : 0;
    }

    private static String text(JsonObject line, String key) {
        return line.has(key) && !line.get(key).isJsonNull() ? line.get(key).getAsString() : "";
    }
}
