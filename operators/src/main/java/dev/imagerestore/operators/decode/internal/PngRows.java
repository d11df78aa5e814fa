package dev.imagerestore.operators.decode.internal;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import javax.imageio.ImageTypeSpecifier;

/**
 * Reads the rows of a non-interlaced PNG in order, inflating and unfiltering each row once, for a
 * file read band by band: ImageIO's PNG reader decodes from the first row for every region it is
 * asked for, so the band at row r costs r rows and a whole image costs about (height / band) / 2
 * full decodes. Bands are asked for top to bottom and may overlap; the rows of the last band stay
 * decoded, and a band that starts above them restarts from the file's first row.
 *
 * <p>The rows fill an image of the type ImageIO's reader would give the same region ({@code type},
 * its first image type), with the same samples, so that what is taken out of it is what the
 * reader's region gives. What this class does not read as the reader does is left to the reader
 * ({@link #open} gives empty): interlaced files, and gray or RGB files with a tRNS chunk (the JDK's
 * reader turns those into alpha).
 *
 * <p>Not thread-safe; holds the file open until closed.
 */
final class PngRows implements Closeable {

    private static final long SIGNATURE = 0x89504E470D0A1A0AL;

    private final Path path;
    private final ImageTypeSpecifier type;
    private final int width;
    private final int height;
    private final int bitDepth;
    private final int samplesPerPixel;
    private final int rowBytes;
    private final int pixelBytes;
    /** Unfiltered rows {@code [first, first + rows.size())}, the newest last. */
    private final Deque<byte[]> rows = new ArrayDeque<>();

    private int first;
    private Idat idat;
    private InputStream inflated;
    private byte[] previous;

    private PngRows(Path path, ImageTypeSpecifier type, Header header) {
        this.path = path;
        this.type = type;
        this.width = header.width;
        this.height = header.height;
        this.bitDepth = header.bitDepth;
        this.samplesPerPixel = header.samplesPerPixel();
        this.rowBytes = (int) (((long) width * samplesPerPixel * bitDepth + 7) / 8);
        this.pixelBytes = Math.max(1, samplesPerPixel * bitDepth / 8);
    }

    /**
     * A row reader of the PNG at {@code path} whose regions ImageIO's reader would decode into
     * images of {@code type}; empty when the file is one this class leaves to the reader.
     */
    static Optional<PngRows> open(Path path, ImageTypeSpecifier type) throws IOException {
        Header header;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path)))) {
            header = Header.read(in);
        }
        if (header == null
                || header.interlaced
                || header.samplesPerPixel() == 0
                || (header.transparency && header.colourType != 3)) {
            return Optional.empty();
        }
        return Optional.of(new PngRows(path, type, header));
    }

    /** Rows {@code [fromRow, toRow)} as an image of this reader's type. */
    BufferedImage read(int fromRow, int toRow) throws IOException {
        if (fromRow < 0 || toRow > height || fromRow >= toRow) {
            throw new IllegalArgumentException(
                    "rows [" + fromRow + ", " + toRow + ") are not rows of a " + height + "-row PNG");
        }
        if (inflated == null || fromRow < first) {
            restart();
        }
        while (first < fromRow && !rows.isEmpty()) {
            rows.removeFirst();
            first++;
        }
        while (first + rows.size() < toRow) {
            byte[] row = nextRow();
            if (rows.isEmpty() && first < fromRow) {
                first++; // a row above the band: decoded for the next one's filter, not kept
            } else {
                rows.addLast(row);
            }
        }
        BufferedImage image = type.createBufferedImage(width, toRow - fromRow);
        WritableRaster raster = image.getRaster();
        int[] pixels = new int[width * samplesPerPixel];
        int y = 0;
        int skip = fromRow - first;
        for (byte[] row : rows) {
            if (skip-- > 0) {
                continue;
            }
            if (y == toRow - fromRow) {
                break;
            }
            unpack(row, pixels);
            raster.setPixels(0, y++, width, 1, pixels);
        }
        return image;
    }

    private void restart() throws IOException {
        closeStreams();
        rows.clear();
        first = 0;
        previous = new byte[rowBytes];
        DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16));
        Header.read(in);
        idat = new Idat(in);
        inflated = new InflaterInputStream(idat, new Inflater(), 1 << 16);
    }

    /** The next row of the file, unfiltered. */
    private byte[] nextRow() throws IOException {
        int filter = inflated.read();
        if (filter < 0) {
            throw new EOFException("PNG image data ends before row " + (first + rows.size()) + " of " + height);
        }
        byte[] row = new byte[rowBytes];
        int at = 0;
        while (at < rowBytes) {
            int n = inflated.read(row, at, rowBytes - at);
            if (n < 0) {
                throw new EOFException("PNG image data ends in row " + (first + rows.size()) + " of " + height);
            }
            at += n;
        }
        unfilter(filter, row, previous, pixelBytes);
        previous = row;
        return row;
    }

    /** Undoes the row filter {@code filter} (PNG specification, section 9) in place. */
    static void unfilter(int filter, byte[] row, byte[] above, int bpp) throws IOException {
        switch (filter) {
            case 0 -> {}
            case 1 -> {
                for (int i = bpp; i < row.length; i++) {
                    row[i] += row[i - bpp];
                }
            }
            case 2 -> {
                for (int i = 0; i < row.length; i++) {
                    row[i] += above[i];
                }
            }
            case 3 -> {
                for (int i = 0; i < row.length; i++) {
                    int left = i >= bpp ? row[i - bpp] & 0xff : 0;
                    row[i] += (byte) ((left + (above[i] & 0xff)) >>> 1);
                }
            }
            case 4 -> {
                for (int i = 0; i < row.length; i++) {
                    int a = i >= bpp ? row[i - bpp] & 0xff : 0;
                    int b = above[i] & 0xff;
                    int c = i >= bpp ? above[i - bpp] & 0xff : 0;
                    row[i] += (byte) paeth(a, b, c);
                }
            }
            default -> throw new IOException("unknown PNG row filter " + filter);
        }
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /** The samples of one unfiltered row, pixel-interleaved, as the raster takes them. */
    private void unpack(byte[] row, int[] pixels) {
        int n = width * samplesPerPixel;
        switch (bitDepth) {
            case 8 -> {
                for (int i = 0; i < n; i++) {
                    pixels[i] = row[i] & 0xff;
                }
            }
            case 16 -> {
                for (int i = 0; i < n; i++) {
                    pixels[i] = ((row[2 * i] & 0xff) << 8) | (row[2 * i + 1] & 0xff);
                }
            }
            default -> {
                int perByte = 8 / bitDepth;
                int mask = (1 << bitDepth) - 1;
                for (int i = 0; i < n; i++) {
                    int shift = 8 - bitDepth * (i % perByte + 1);
                    pixels[i] = (row[i / perByte] >> shift) & mask;
                }
            }
        }
    }

    private void closeStreams() throws IOException {
        if (inflated != null) {
            inflated.close();
            inflated = null;
        } else if (idat != null) {
            idat.close();
        }
        idat = null;
    }

    @Override
    public void close() throws IOException {
        closeStreams();
        rows.clear();
    }

    /** IHDR's fields, and whether a tRNS chunk comes before the image data. */
    private record Header(
            int width, int height, int bitDepth, int colourType, boolean interlaced, boolean transparency) {

        int samplesPerPixel() {
            return switch (colourType) {
                case 0, 3 -> 1;
                case 2 -> 3;
                case 4 -> 2;
                case 6 -> 4;
                default -> 0;
            };
        }

        /**
         * Reads the signature and the chunks up to the first IDAT, leaving {@code in} at that
         * chunk's length field; null when the file is not a PNG this class can take.
         */
        static Header read(DataInputStream in) throws IOException {
            if (in.readLong() != SIGNATURE) {
                return null;
            }
            int width = 0;
            int height = 0;
            int bitDepth = 0;
            int colourType = -1;
            boolean interlaced = false;
            boolean transparency = false;
            while (true) {
                in.mark(8);
                int length = in.readInt();
                String chunk = chunkType(in);
                if (chunk.equals("IDAT")) {
                    in.reset();
                    return colourType < 0
                            ? null
                            : new Header(width, height, bitDepth, colourType, interlaced, transparency);
                }
                if (chunk.equals("IHDR")) {
                    width = in.readInt();
                    height = in.readInt();
                    bitDepth = in.readUnsignedByte();
                    colourType = in.readUnsignedByte();
                    in.readUnsignedByte();
                    in.readUnsignedByte();
                    interlaced = in.readUnsignedByte() != 0;
                    in.skipNBytes(length - 13L + 4);
                } else {
                    transparency |= chunk.equals("tRNS");
                    in.skipNBytes(length + 4L);
                }
                if (chunk.equals("IEND")) {
                    return null;
                }
            }
        }
    }

    private static String chunkType(DataInputStream in) throws IOException {
        byte[] type = new byte[4];
        in.readFully(type);
        return new String(type, StandardCharsets.ISO_8859_1);
    }

    /** The payloads of the IDAT chunks, one after another; ends at the first other chunk. */
    private static final class Idat extends InputStream {

        private final DataInputStream in;
        private int left;
        private boolean done;

        Idat(DataInputStream in) {
            this.in = in;
        }

        private boolean ready() throws IOException {
            while (left == 0 && !done) {
                int length = in.readInt();
                if (!chunkType(in).equals("IDAT")) {
                    done = true;
                    return false;
                }
                left = length;
                if (length == 0) {
                    in.skipNBytes(4);
                }
            }
            return !done;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!ready()) {
                return -1;
            }
            int n = in.read(b, off, Math.min(len, left));
            if (n < 0) {
                throw new EOFException("PNG file ends inside an IDAT chunk");
            }
            left -= n;
            if (left == 0) {
                in.skipNBytes(4);
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
