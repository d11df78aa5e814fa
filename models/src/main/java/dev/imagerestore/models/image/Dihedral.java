package dev.imagerestore.models.image;

/**
 * The eight symmetries of a square tile (the dihedral group D4) acting on channel-major
 * {@code [C, S, S]} samples, for geometric self-ensembles.
 *
 * <p>Transform {@code d} in {@code 0..7} maps output pixel {@code (y, x)} to source pixel
 * {@code (sy, sx)} as follows: first {@code x' = S-1-x} if bit 1 of {@code d} is set and
 * {@code y' = S-1-y} if bit 2 is set, then {@code (sy, sx) = (x', y')} if bit 0 is set (a
 * transpose), else {@code (y', x')}. So 0 is the identity, 1 the transpose, 2 a mirror, 6 a half
 * turn. The first 1, 2, 4 or 8 transforms are the ensembles {@link #isValidCount} allows; the first four
 * hold both transposition and mirroring, so noise that is not isotropic in the network's eyes is
 * averaged in both directions. Every transform is a permutation, so {@link #invert} restores the
 * input bit for bit. Stateless.
 */
public final class Dihedral {

    private Dihedral() {}

    /** True when {@code count} is an ensemble size offered: the first 1, 2, 4 or all 8 transforms. */
    public static boolean isValidCount(int count) {
        return count == 1 || count == 2 || count == 4 || count == 8;
    }

    /** The samples seen through transform {@code d}; a new array. */
    public static float[] apply(float[] samples, int channels, int side, int d) {
        return permute(samples, channels, side, d, false);
    }

    /** The inverse of {@link #apply} for the same {@code d}; a new array. */
    public static float[] invert(float[] samples, int channels, int side, int d) {
        return permute(samples, channels, side, d, true);
    }

    private static float[] permute(float[] samples, int channels, int side, int d, boolean inverse) {
        if (d < 0 || d > 7) {
            throw new IllegalArgumentException("dihedral transform must be in [0, 7], got " + d);
        }
        int plane = side * side;
        if (samples.length != channels * plane) {
            throw new IllegalArgumentException("expected " + channels + "x" + side + "x" + side + " = "
                    + channels * plane + " samples, got " + samples.length);
        }
        boolean transpose = (d & 1) != 0;
        boolean mirrorX = (d & 2) != 0;
        boolean mirrorY = (d & 4) != 0;
        float[] out = new float[samples.length];
        for (int c = 0; c < channels; c++) {
            int base = c * plane;
            for (int y = 0; y < side; y++) {
                int my = mirrorY ? side - 1 - y : y;
                for (int x = 0; x < side; x++) {
                    int mx = mirrorX ? side - 1 - x : x;
                    int source = transpose ? mx * side + my : my * side + mx;
                    int target = y * side + x;
                    if (inverse) {
                        out[base + source] = samples[base + target];
                    } else {
                        out[base + target] = samples[base + source];
                    }
                }
            }
        }
        return out;
    }
}
