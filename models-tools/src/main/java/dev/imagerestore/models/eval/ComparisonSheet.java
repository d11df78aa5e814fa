package dev.imagerestore.models.eval;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A sheet for judging results by eye: one row per image, one column per version of it (input,
 * restored, reference...), each cell the same 100 % crop, so grain, texture and edges are seen as
 * they are and not through a thumbnail's resampling. The crop is the image's centre: chosen without
 * looking at any result, so a sheet cannot be cherry-picked by its own maker.
 *
 * <p>Build with {@link #builder(List, int)}, add rows, {@link #write} a PNG.
 */
public final class ComparisonSheet {

    private static final int LABEL_HEIGHT = 18;
    private static final int GAP = 4;

    private final List<String> columns;
    private final int crop;
    private final List<String> labels = new ArrayList<>();
    private final List<List<FloatImage>> rows = new ArrayList<>();

    private ComparisonSheet(List<String> columns, int crop) {
        this.columns = List.copyOf(columns);
        this.crop = crop;
    }

    /**
     * A sheet with these column titles and crops of at most {@code crop x crop} pixels.
     *
     * @throws IllegalArgumentException with no columns or a crop under 16 pixels
     */
    public static ComparisonSheet builder(List<String> columns, int crop) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a comparison sheet needs at least one column");
        }
        if (crop < 16) {
            throw new IllegalArgumentException(
                    "crop " + crop + " is below the 16 pixels a sheet can show; use 16 or more");
        }
        return new ComparisonSheet(columns, crop);
    }

    /**
     * Adds a row: {@code versions}, one per column, all of one size (null for a column that has no
     * version of this image: the cell stays blank).
     */
    public ComparisonSheet addRow(String label, List<FloatImage> versions) {
        if (versions.size() != columns.size()) {
            throw new IllegalArgumentException("row '" + label + "' has " + versions.size() + " images for "
                    + columns.size() + " columns " + columns);
        }
        FloatImage first = versions.stream()
                .filter(v -> v != null)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("row '" + label + "' has no image"));
        for (FloatImage v : versions) {
            if (v != null && (v.height() != first.height() || v.width() != first.width())) {
                throw new IllegalArgumentException("row '" + label + "' mixes sizes " + first.height() + "x"
                        + first.width() + " and " + v.height() + "x" + v.width());
            }
        }
        labels.add(label);
        rows.add(new ArrayList<>(versions));
        return this;
    }

    public int rowCount() {
        return rows.size();
    }

    /** The sheet as an RGB image. */
    public BufferedImage render() {
        int cell = crop;
        int width = columns.size() * (cell + GAP) + GAP;
        int height = LABEL_HEIGHT + rows.size() * (cell + LABEL_HEIGHT + GAP) + GAP;
        BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.setColor(Color.BLACK);
            for (int c = 0; c < columns.size(); c++) {
                g.drawString(columns.get(c), GAP + c * (cell + GAP), LABEL_HEIGHT - 5);
            }
            for (int r = 0; r < rows.size(); r++) {
                int top = LABEL_HEIGHT + r * (cell + LABEL_HEIGHT + GAP);
                g.setColor(Color.DARK_GRAY);
                g.drawString(labels.get(r), GAP, top + LABEL_HEIGHT - 5);
                for (int c = 0; c < columns.size(); c++) {
                    FloatImage version = rows.get(r).get(c);
                    if (version != null) {
                        g.drawImage(
                                ImageFiles.toBufferedImage(
                                        centreCrop(version, crop).withBitDepth(8)),
                                GAP + c * (cell + GAP),
                                top + LABEL_HEIGHT,
                                null);
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    /** Writes the sheet as a PNG file (parent folders created). */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(render(), "png", file.toFile())) {
            throw new IOException("no PNG writer available to write " + file);
        }
    }

    /** The centred {@code size x size} window of {@code image} (the whole image along a shorter side). */
    static FloatImage centreCrop(FloatImage image, int size) {
        int h = Math.min(size, image.height());
        int w = Math.min(size, image.width());
        int y0 = (image.height() - h) / 2;
        int x0 = (image.width() - w) / 2;
        float[] in = image.toArray();
        float[] out = new float[image.channels() * h * w];
        int plane = image.height() * image.width();
        for (int c = 0; c < image.channels(); c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(in, c * plane + (y0 + y) * image.width() + x0, out, (c * h + y) * w, w);
            }
        }
        return FloatImage.wrap(image.channels(), h, w, image.bitDepth(), out);
    }
}
