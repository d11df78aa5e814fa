package dev.imagerestore.models.damage.internal;

/**
 * Stateless randomness for per-pixel detail: keys are combined with SplitMix64's finaliser (Steele,
 * Lea and Flood, "Fast Splittable Pseudorandom Number Generators", OOPSLA 2014), the same hashing as
 * the samplers' counter-based noise, and value noise is interpolated between hashed lattice values
 * with a smoothstep. Every value depends on its key and coordinates alone, so a pixel's raggedness is
 * the same whatever else is drawn around it.
 */
public final class Hash {

    private static final long GAMMA = 0x9E3779B97F4A7C15L;
    private static final double UNIT = 0x1.0p-53;

    private Hash() {}

    /** SplitMix64's output function. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The key {@code key} followed by {@code value}. */
    public static long key(long key, long value) {
        return mix(key ^ (value * GAMMA + GAMMA));
    }

    /** A uniform value in [0, 1) for one lattice point: one finaliser over the key and both coordinates. */
    static double unit(long key, long x, long y) {
        return (lattice(key, x, y) >>> 11) * UNIT;
    }

    /** 64 well-mixed bits for one lattice point. */
    static long lattice(long key, long x, long y) {
        return mix(key + x * GAMMA + y * 0xC2B2AE3D27D4EB4FL);
    }

    /** Smooth value noise in [0, 1] with unit lattice spacing. */
    static double noise(long key, double x, double y) {
        double fx = Math.floor(x);
        double fy = Math.floor(y);
        long ix = (long) fx;
        long iy = (long) fy;
        double tx = smooth(x - fx);
        double ty = smooth(y - fy);
        double top = lerp(unit(key, ix, iy), unit(key, ix + 1, iy), tx);
        double bottom = lerp(unit(key, ix, iy + 1), unit(key, ix + 1, iy + 1), tx);
        return lerp(top, bottom, ty);
    }

    /**
     * Two independent smooth value noises in [0, 1] (unit lattice spacing) from one lattice, the high
     * and the low 32 bits of each point: {@code out[0]} and {@code out[1]}.
     */
    static void noisePair(long key, double x, double y, double[] out) {
        double fx = Math.floor(x);
        double fy = Math.floor(y);
        long ix = (long) fx;
        long iy = (long) fy;
        double tx = smooth(x - fx);
        double ty = smooth(y - fy);
        long a = lattice(key, ix, iy);
        long b = lattice(key, ix + 1, iy);
        long c = lattice(key, ix, iy + 1);
        long d = lattice(key, ix + 1, iy + 1);
        out[0] = lerp(lerp(high(a), high(b), tx), lerp(high(c), high(d), tx), ty);
        out[1] = lerp(lerp(low(a), low(b), tx), lerp(low(c), low(d), tx), ty);
    }

    private static double high(long bits) {
        return (bits >>> 32) * 0x1.0p-32;
    }

    private static double low(long bits) {
        return (bits & 0xFFFFFFFFL) * 0x1.0p-32;
    }

    /** Smooth value noise in [0, 1] along a line, unit lattice spacing. */
    static double noise(long key, double t) {
        double f = Math.floor(t);
        long i = (long) f;
        return lerp(unit(key, i, 0), unit(key, i + 1, 0), smooth(t - f));
    }

    /** Three octaves of {@link #noise(long, double)} (halving amplitude, doubling frequency), in [0, 1]. */
    static double fractal(long key, double t) {
        return (4 * noise(key, t) + 2 * noise(key + 1, 2 * t) + noise(key + 2, 4 * t)) / 7;
    }

    static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }

    static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
