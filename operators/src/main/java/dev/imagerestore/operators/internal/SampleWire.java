package dev.imagerestore.operators.internal;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.operators.AlphaPlane;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Compact wire form of pixel data. A {@link FloatImage} whose every sample is exactly
 * {@code level * (1f / max)} for an integer level of its bit depth (true of every decoded image)
 * travels as those levels, 1 byte per sample at 8 bits and 2 at 16: a quarter or half of the float
 * size, and bit-exact after the round trip. Any other image (a model's output) travels as raw
 * float32. The check costs one pass over the samples, far less than the bytes it saves.
 * Samples are moved in 64 KiB blocks, never one call per sample.
 */
public final class SampleWire {

    private static final byte LEVELS = 0;
    private static final byte FLOATS = 1;
    private static final int BLOCK = 1 << 16;

    private SampleWire() {}

    public static void write(FloatImage image, DataOutputView out) throws IOException {
        out.writeInt(image.channels());
        out.writeInt(image.height());
        out.writeInt(image.width());
        out.writeInt(image.bitDepth());
        FloatBuffer samples = image.samples();
        int max = (1 << image.bitDepth()) - 1;
        if (onGrid(samples, max)) {
            out.writeByte(LEVELS);
            writeLevels(samples, max, image.bitDepth() / 8, out);
        } else {
            out.writeByte(FLOATS);
            writeFloats(samples, out);
        }
    }

    public static FloatImage readImage(DataInputView in) throws IOException {
        int channels = in.readInt();
        int height = in.readInt();
        int width = in.readInt();
        int bitDepth = in.readInt();
        long count = (long) channels * height * width;
        if (channels < 1 || height < 1 || width < 1 || count > Integer.MAX_VALUE || (bitDepth != 8 && bitDepth != 16)) {
            throw new IOException("corrupt serialized image header " + channels + "x" + height + "x" + width + " at "
                    + bitDepth + " bits");
        }
        float[] samples = new float[(int) count];
        byte kind = in.readByte();
        if (kind == LEVELS) {
            readLevels(samples, (1 << bitDepth) - 1, bitDepth / 8, in);
        } else if (kind == FLOATS) {
            readFloats(samples, in);
        } else {
            throw new IOException("corrupt serialized image: unknown sample encoding " + kind);
        }
        return FloatImage.wrap(channels, height, width, bitDepth, samples);
    }

    public static void write(AlphaPlane alpha, DataOutputView out) throws IOException {
        out.writeInt(alpha.width());
        out.writeInt(alpha.height());
        out.writeInt(alpha.bitDepth());
        ShortBuffer levels = alpha.levels();
        int bytesPerLevel = alpha.bitDepth() / 8;
        byte[] block = new byte[BLOCK];
        int filled = 0;
        while (levels.hasRemaining()) {
            filled = putLevel(block, filled, levels.get() & 0xffff, bytesPerLevel);
            if (filled + 2 > block.length || !levels.hasRemaining()) {
                out.write(block, 0, filled);
                filled = 0;
            }
        }
    }

    public static AlphaPlane readAlpha(DataInputView in) throws IOException {
        int width = in.readInt();
        int height = in.readInt();
        int bitDepth = in.readInt();
        long count = (long) width * height;
        if (width < 1 || height < 1 || count > Integer.MAX_VALUE || (bitDepth != 8 && bitDepth != 16)) {
            throw new IOException(
                    "corrupt serialized alpha header " + width + "x" + height + " at " + bitDepth + " bits");
        }
        short[] levels = new short[(int) count];
        int bytesPerLevel = bitDepth / 8;
        byte[] block = new byte[BLOCK];
        int done = 0;
        while (done < levels.length) {
            int n = Math.min(levels.length - done, BLOCK / bytesPerLevel);
            in.readFully(block, 0, n * bytesPerLevel);
            for (int i = 0; i < n; i++) {
                levels[done + i] = (short) getLevel(block, i, bytesPerLevel);
            }
            done += n;
        }
        return AlphaPlane.wrap(width, height, bitDepth, levels);
    }

    static boolean onGrid(FloatBuffer samples, int max) {
        float scale = 1f / max;
        for (int i = samples.position(); i < samples.limit(); i++) {
            float v = samples.get(i);
            int level = Math.round(v * max);
            if (level < 0 || level > max || level * scale != v) {
                return false;
            }
        }
        return true;
    }

    private static void writeLevels(FloatBuffer samples, int max, int bytesPerLevel, DataOutputView out)
            throws IOException {
        byte[] block = new byte[BLOCK];
        int filled = 0;
        while (samples.hasRemaining()) {
            filled = putLevel(block, filled, Math.round(samples.get() * max), bytesPerLevel);
            if (filled + 2 > block.length || !samples.hasRemaining()) {
                out.write(block, 0, filled);
                filled = 0;
            }
        }
    }

    private static void readLevels(float[] samples, int max, int bytesPerLevel, DataInputView in) throws IOException {
        float scale = 1f / max;
        byte[] block = new byte[BLOCK];
        int done = 0;
        while (done < samples.length) {
            int n = Math.min(samples.length - done, BLOCK / bytesPerLevel);
            in.readFully(block, 0, n * bytesPerLevel);
            for (int i = 0; i < n; i++) {
                samples[done + i] = getLevel(block, i, bytesPerLevel) * scale;
            }
            done += n;
        }
    }

    private static void writeFloats(FloatBuffer samples, DataOutputView out) throws IOException {
        byte[] block = new byte[BLOCK];
        int filled = 0;
        while (samples.hasRemaining()) {
            int bits = Float.floatToRawIntBits(samples.get());
            block[filled++] = (byte) (bits >>> 24);
            block[filled++] = (byte) (bits >>> 16);
            block[filled++] = (byte) (bits >>> 8);
            block[filled++] = (byte) bits;
            if (filled == block.length || !samples.hasRemaining()) {
                out.write(block, 0, filled);
                filled = 0;
            }
        }
    }

    private static void readFloats(float[] samples, DataInputView in) throws IOException {
        byte[] block = new byte[BLOCK];
        int done = 0;
        while (done < samples.length) {
            int n = Math.min(samples.length - done, BLOCK / 4);
            in.readFully(block, 0, n * 4);
            for (int i = 0; i < n; i++) {
                int j = 4 * i;
                samples[done + i] = Float.intBitsToFloat(((block[j] & 0xff) << 24)
                        | ((block[j + 1] & 0xff) << 16)
                        | ((block[j + 2] & 0xff) << 8)
                        | (block[j + 3] & 0xff));
            }
            done += n;
        }
    }

    private static int putLevel(byte[] block, int at, int level, int bytesPerLevel) {
        if (bytesPerLevel == 2) {
            block[at++] = (byte) (level >>> 8);
        }
        block[at++] = (byte) level;
        return at;
    }

    private static int getLevel(byte[] block, int index, int bytesPerLevel) {
        if (bytesPerLevel == 1) {
            return block[index] & 0xff;
        }
        return ((block[2 * index] & 0xff) << 8) | (block[2 * index + 1] & 0xff);
    }
}
