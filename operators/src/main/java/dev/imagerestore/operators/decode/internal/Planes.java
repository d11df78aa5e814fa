package dev.imagerestore.operators.decode.internal;

/**
 * Samples taken out of a decoded BufferedImage, before orientation: colour as planar integer levels
 * scaled to floats, alpha as levels, both at {@code depth} bits (8 or 16).
 *
 * @param colour planar samples in [0, 1], {@code channels} planes of {@code width x height}
 * @param alpha row-major alpha levels, or null
 * @param icc the embedded ICC profile the colour samples are in, or null for sRGB or plain gray
 */
record Planes(int width, int height, int depth, int channels, float[] colour, short[] alpha, byte[] icc) {

    Planes(int width, int height, int depth, int channels, float[] colour, short[] alpha) {
        this(width, height, depth, channels, colour, alpha, null);
    }

    /** The target depth for source samples of {@code bits} bits: 8 up to 8 bits, else 16. */
    static int depthFor(int bits) {
        return bits <= 8 ? 8 : 16;
    }

    /** Rescales a level of {@code bits} bits to {@code depth} bits, rounding to nearest. */
    static int rescale(int level, int bits, int depth) {
        if (bits == depth) {
            return level;
        }
        long sourceMax = (1L << bits) - 1;
        long targetMax = (1L << depth) - 1;
        return (int) ((level * targetMax + sourceMax / 2) / sourceMax);
    }
}
