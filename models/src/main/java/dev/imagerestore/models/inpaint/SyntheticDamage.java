package dev.imagerestore.models.inpaint;

import dev.imagerestore.models.image.FloatImage;
import java.util.SplittableRandom;

/**
 * Damage rendered with a fixed seed, for evaluation and tests: masks of scratches (random polylines
 * 1-5 px wide) and of 64x64 boxes, and scratches painted onto clean images as a print would show them.
 *
 * <p>Scratches: polylines of 2-4 segments of 20-120 px whose direction turns by at most 0.5 rad per
 * segment, each with a width drawn from 1..5 px (a pixel is covered when its centre lies within
 * {@code width/2} of the segment, at least the pixel under the line), added until at least
 * {@code coverage} of the pixels are covered. Painted scratches are light (0.88-1.0) or dark
 * (0.0-0.12), whichever contrasts with the mean of the clean pixels under them, the same value in
 * every channel. Stateless.
 */
public final class SyntheticDamage {

    /** The coverage of {@link #scratches} in {@code eval inpaint}: about 3% of the pixels. */
    public static final double SCRATCH_COVERAGE = 0.03;

    /** A clean image with painted damage and the mask of the painted pixels. */
    public record Damaged(FloatImage image, Mask mask) {}

    private SyntheticDamage() {}

    /** The mask of random scratches covering at least {@code coverage} of an {@code height x width} image. */
    public static Mask scratches(int height, int width, double coverage, long seed) {
        return paint(null, height, width, coverage, seed).mask();
    }

    /** {@code clean} with random scratches painted on it, and their mask. */
    public static Damaged scratched(FloatImage clean, double coverage, long seed) {
        return paint(clean, clean.height(), clean.width(), coverage, seed);
    }

    /** One {@code side x side} box at a random place inside the image (clipped if the image is smaller). */
    public static Mask box(int height, int width, int side, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int y = height > side ? random.nextInt(height - side + 1) : 0;
        int x = width > side ? random.nextInt(width - side + 1) : 0;
        return Mask.box(height, width, y, x, side, side);
    }

    private static Damaged paint(FloatImage clean, int height, int width, double coverage, long seed) {
        if (!(coverage > 0 && coverage < 0.5)) {
            throw new IllegalArgumentException("scratch coverage must be in (0, 0.5), got " + coverage);
        }
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] all = new boolean[height * width];
        float[] out = clean == null ? null : clean.toArray();
        int covered = 0;
        while (covered < coverage * height * width) {
            boolean[] line = polyline(random, height, width);
            float value = clean == null ? 1f : scratchValue(clean, line, random);
            for (int i = 0; i < line.length; i++) {
                if (line[i]) {
                    covered += all[i] ? 0 : 1;
                    all[i] = true;
                    if (out != null) {
                        for (int c = 0; c < clean.channels(); c++) {
                            out[c * line.length + i] = value;
                        }
                    }
                }
            }
        }
        FloatImage image =
                clean == null ? null : FloatImage.wrap(clean.channels(), height, width, clean.bitDepth(), out);
        return new Damaged(image, Mask.of(height, width, all));
    }

    private static boolean[] polyline(SplittableRandom random, int height, int width) {
        boolean[] line = new boolean[height * width];
        double y = random.nextDouble(height);
        double x = random.nextDouble(width);
        double angle = random.nextDouble(2 * Math.PI);
        double radius = (1 + random.nextInt(5)) / 2.0;
        int segments = 2 + random.nextInt(3);
        for (int s = 0; s < segments; s++) {
            double length = 20 + random.nextDouble(100);
            double ny = y + length * Math.sin(angle);
            double nx = x + length * Math.cos(angle);
            segment(line, height, width, y, x, ny, nx, radius);
            y = ny;
            x = nx;
            angle += random.nextDouble(-0.5, 0.5);
        }
        return line;
    }

    /** Covers the pixels whose centre lies within {@code radius} of the segment (at least the one under it). */
    private static void segment(
            boolean[] line, int h, int w, double y0, double x0, double y1, double x1, double radius) {
        int reach = (int) Math.ceil(radius);
        int samples = (int) Math.ceil(2 * Math.hypot(y1 - y0, x1 - x0)) + 1;
        for (int k = 0; k <= samples; k++) {
            double cy = y0 + (y1 - y0) * k / samples;
            double cx = x0 + (x1 - x0) * k / samples;
            for (int py = (int) Math.floor(cy) - reach; py <= (int) Math.floor(cy) + reach; py++) {
                for (int px = (int) Math.floor(cx) - reach; px <= (int) Math.floor(cx) + reach; px++) {
                    boolean under = py == (int) Math.floor(cy) && px == (int) Math.floor(cx);
                    if (py >= 0
                            && py < h
                            && px >= 0
                            && px < w
                            && (under || Math.hypot(py + 0.5 - cy, px + 0.5 - cx) <= radius)) {
                        line[py * w + px] = true;
                    }
                }
            }
        }
    }

    private static float scratchValue(FloatImage clean, boolean[] line, SplittableRandom random) {
        int plane = line.length;
        double sum = 0;
        int n = 0;
        for (int i = 0; i < plane; i++) {
            if (line[i]) {
                for (int c = 0; c < clean.channels(); c++) {
                    sum += clean.get(c, i / clean.width(), i % clean.width());
                    n++;
                }
            }
        }
        double shade = 0.12 * random.nextDouble();
        return (float) (n == 0 || sum / n < 0.5 ? 1 - shade : shade);
    }
}
