package dev.imagerestore.operators.tiles.internal;

import java.awt.Point;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file of an image's written samples, row after row, in the layout of the rasters
 * {@code ImageComposer} builds (pixel-interleaved, rows without padding, 1 or 2 bytes a sample):
 * the finished rows of an image that is stitched band by band wait here until the encoder reads
 * them, so that memory never holds the image. Rows are written once each, in any order, and read
 * back by region ({@link #read}) or in runs of samples ({@link #elements}).
 *
 * <p>Not thread-safe. Closing deletes nothing; the owner deletes the file.
 */
final class StripSpool implements AutoCloseable {

    private final FileChannel channel;
    private final int width;
    private final int height;
    private final int bands;
    private final int bytesPerSample;
    private final SampleModel layout;

    /**
     * @param file the spool's new file
     * @param layout the sample model of the image's rasters: pixel-interleaved bytes or unsigned shorts
     */
    StripSpool(Path file, int width, int height, SampleModel layout) throws IOException {
        this(file, width, height, layout, StandardOpenOption.CREATE_NEW);
    }

    /**
     * The spool {@code file} that an earlier attempt wrote (rows it holds stay; rows written again are
     * replaced), for an image resumed from a checkpoint.
     */
    static StripSpool reopen(Path file, int width, int height, SampleModel layout) throws IOException {
        return new StripSpool(file, width, height, layout, StandardOpenOption.CREATE);
    }

    private StripSpool(Path file, int width, int height, SampleModel layout, StandardOpenOption creation)
            throws IOException {
        if (!(layout instanceof PixelInterleavedSampleModel)
                || (layout.getDataType() != DataBuffer.TYPE_BYTE && layout.getDataType() != DataBuffer.TYPE_USHORT)) {
            throw new IllegalArgumentException("a spool holds pixel-interleaved 8- or 16-bit samples, got " + layout);
        }
        this.channel = FileChannel.open(file, creation, StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.width = width;
        this.height = height;
        this.bands = layout.getNumBands();
        this.bytesPerSample = layout.getDataType() == DataBuffer.TYPE_BYTE ? 1 : 2;
        this.layout = layout;
    }

    /** The sample model of a {@code w x h} raster of this spool's layout. */
    SampleModel layout(int w, int h) {
        return layout.createCompatibleSampleModel(w, h);
    }

    /** Samples per image, which a {@link DataBuffer} over the whole spool must index with an int. */
    long elements() {
        return (long) width * height * bands;
    }

    /** Writes the rows of {@code strip} (full width, made with {@link #layout}) as the image's rows from {@code fromRow}. */
    void write(Raster strip, int fromRow) {
        if (strip.getWidth() != width || fromRow < 0 || fromRow + strip.getHeight() > height) {
            throw new IllegalArgumentException("a strip of " + strip.getWidth() + "x" + strip.getHeight() + " at row "
                    + fromRow + " does not fit a " + width + "x" + height + " image");
        }
        int rowElements = width * bands;
        ByteBuffer bytes = ByteBuffer.allocate(rowElements * bytesPerSample).order(ByteOrder.BIG_ENDIAN);
        DataBuffer data = strip.getDataBuffer();
        int rowStride = ((PixelInterleavedSampleModel) strip.getSampleModel()).getScanlineStride();
        for (int y = 0; y < strip.getHeight(); y++) {
            bytes.clear();
            int from = y * rowStride;
            if (data instanceof DataBufferByte b) {
                bytes.put(b.getData(), from, rowElements);
            } else {
                bytes.asShortBuffer().put(((DataBufferUShort) data).getData(), from, rowElements);
                bytes.position(rowElements * 2);
            }
            bytes.flip();
            write(bytes, ((long) (fromRow + y) * rowElements) * bytesPerSample);
        }
    }

    /** The region {@code w x h} at ({@code x}, {@code y}) as a raster located there. */
    WritableRaster read(int x, int y, int w, int h) {
        WritableRaster raster = Raster.createWritableRaster(layout(w, h), new Point(x, y));
        DataBuffer data = raster.getDataBuffer();
        int rowElements = w * bands;
        ByteBuffer bytes = ByteBuffer.allocate(rowElements * bytesPerSample).order(ByteOrder.BIG_ENDIAN);
        for (int dy = 0; dy < h; dy++) {
            bytes.clear();
            read(bytes, (((long) (y + dy) * width + x) * bands) * bytesPerSample);
            bytes.flip();
            if (data instanceof DataBufferByte b) {
                bytes.get(b.getData(), dy * rowElements, rowElements);
            } else {
                bytes.asShortBuffer().get(((DataBufferUShort) data).getData(), dy * rowElements, rowElements);
            }
        }
        return raster;
    }

    /** Reads {@code count} samples from sample {@code first} (row-major, interleaved) into {@code out}. */
    void elements(long first, int count, int[] out) {
        ByteBuffer bytes = ByteBuffer.allocate(count * bytesPerSample).order(ByteOrder.BIG_ENDIAN);
        read(bytes, first * bytesPerSample);
        bytes.flip();
        for (int i = 0; i < count; i++) {
            out[i] = bytesPerSample == 1 ? bytes.get() & 0xFF : bytes.getShort() & 0xFFFF;
        }
    }

    private void write(ByteBuffer bytes, long position) {
        try {
            while (bytes.hasRemaining()) {
                position += channel.write(bytes, position);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the spool of finished rows: " + e.getMessage(), e);
        }
    }

    private void read(ByteBuffer bytes, long position) {
        try {
            while (bytes.hasRemaining()) {
                int n = channel.read(bytes, position);
                if (n < 0) {
                    throw new IOException("the spool ends at " + position + " before the rows asked for");
                }
                position += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spool of finished rows: " + e.getMessage(), e);
        }
    }

    /** Forces the rows written so far to disk, so that a checkpoint that counts them can rely on them. */
    void force() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
