package dev.imagerestore.operators.tiles.internal;

import java.awt.Image;
import java.awt.Rectangle;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;
import java.util.Vector;

/**
 * The image in a {@link StripSpool}, read as an ImageIO writer asks for it: the PNG writer pulls one
 * row at a time ({@link #getData(Rectangle)}), the JDK's TIFF writer one strip at a time, and the
 * JPEG writers take {@link #getData()}, whose raster reads its samples from the spool as the encoder
 * walks down the image ({@link SpoolBuffer}). So the encoder never holds more than a few rows.
 *
 * <p>Its tiles are strips of {@value #STRIP_ROWS} rows. Read-only; not thread-safe.
 */
final class SpooledImage implements RenderedImage {

    static final int STRIP_ROWS = 64;

    private final StripSpool spool;
    private final ColorModel colours;
    private final int width;
    private final int height;

    SpooledImage(StripSpool spool, ColorModel colours, int width, int height) {
        this.spool = spool;
        this.colours = colours;
        this.width = width;
        this.height = height;
    }

    @Override
    public Vector<RenderedImage> getSources() {
        return null;
    }

    @Override
    public Object getProperty(String name) {
        return Image.UndefinedProperty;
    }

    @Override
    public String[] getPropertyNames() {
        return null;
    }

    @Override
    public ColorModel getColorModel() {
        return colours;
    }

    @Override
    public SampleModel getSampleModel() {
        return spool.layout(width, Math.min(STRIP_ROWS, height));
    }

    @Override
    public int getWidth() {
        return width;
    }

    @Override
    public int getHeight() {
        return height;
    }

    @Override
    public int getMinX() {
        return 0;
    }

    @Override
    public int getMinY() {
        return 0;
    }

    @Override
    public int getNumXTiles() {
        return 1;
    }

    @Override
    public int getNumYTiles() {
        return (height + STRIP_ROWS - 1) / STRIP_ROWS;
    }

    @Override
    public int getMinTileX() {
        return 0;
    }

    @Override
    public int getMinTileY() {
        return 0;
    }

    @Override
    public int getTileWidth() {
        return width;
    }

    @Override
    public int getTileHeight() {
        return Math.min(STRIP_ROWS, height);
    }

    @Override
    public int getTileGridXOffset() {
        return 0;
    }

    @Override
    public int getTileGridYOffset() {
        return 0;
    }

    /** Strip {@code tileY}, full tile height (rows past the image are zero). */
    @Override
    public Raster getTile(int tileX, int tileY) {
        int top = tileY * getTileHeight();
        int rows = Math.min(getTileHeight(), height - top);
        WritableRaster tile = Raster.createWritableRaster(getSampleModel(), new java.awt.Point(0, top));
        tile.setRect(spool.read(0, top, width, rows));
        return tile;
    }

    /**
     * The whole image as a raster that reads the spool on demand.
     *
     * @throws IllegalStateException above {@link Integer#MAX_VALUE} samples, which no raster indexes
     */
    @Override
    public Raster getData() {
        if (spool.elements() > Integer.MAX_VALUE) {
            throw new IllegalStateException("a " + width + "x" + height + " image has " + spool.elements()
                    + " samples, more than one raster can index (" + Integer.MAX_VALUE + "); write it as PNG or TIFF"
                    + " (--format), whose writers read it strip by strip");
        }
        SampleModel whole = spool.layout(width, height);
        return Raster.createRaster(whole, new SpoolBuffer(spool, whole.getDataType(), (int) spool.elements()), null);
    }

    @Override
    public Raster getData(Rectangle region) {
        Rectangle r = region.intersection(new Rectangle(0, 0, width, height));
        if (r.isEmpty()) {
            throw new IllegalArgumentException(
                    "region " + region + " is outside the " + width + "x" + height + " image");
        }
        return spool.read(r.x, r.y, r.width, r.height);
    }

    @Override
    public WritableRaster copyData(WritableRaster raster) {
        if (raster == null) {
            raster = Raster.createWritableRaster(spool.layout(width, height), null);
        }
        Rectangle r = raster.getBounds().intersection(new Rectangle(0, 0, width, height));
        for (int y = r.y; y < r.y + r.height; y += STRIP_ROWS) {
            raster.setRect(spool.read(r.x, y, r.width, Math.min(STRIP_ROWS, r.y + r.height - y)));
        }
        return raster;
    }

    /**
     * A read-only data buffer over the spool: samples are read a block of rows at a time as they
     * are asked for, so an encoder that walks down the image reads the spool once, in order.
     */
    static final class SpoolBuffer extends DataBuffer {

        private static final int BLOCK = 1 << 20;

        private final StripSpool spool;
        private final int[] block;
        private long blockStart = -1;
        private int blockLength;

        SpoolBuffer(StripSpool spool, int dataType, int size) {
            super(dataType, size);
            this.spool = spool;
            this.block = new int[Math.min(BLOCK, size)];
        }

        @Override
        public int getElem(int bank, int i) {
            if (i < 0 || i >= getSize()) {
                throw new ArrayIndexOutOfBoundsException("sample " + i + " of " + getSize());
            }
            if (blockStart < 0 || i < blockStart || i >= blockStart + blockLength) {
                blockStart = i;
                blockLength = (int) Math.min(block.length, getSize() - (long) i);
                spool.elements(i, blockLength, block);
            }
            return block[(int) (i - blockStart)];
        }

        @Override
        public void setElem(int bank, int i, int value) {
            throw new UnsupportedOperationException("the spooled image is read-only");
        }
    }
}
