package dev.imagerestore.models.damage;

import dev.imagerestore.models.image.FloatImage;
import java.util.SplittableRandom;

/**
 * Clean structure that looks like damage at a small scale and is content: handwriting and print
 * (short dark strokes in rows of words) and ruled lines (long thin straight lines), drawn into an
 * image as ink, anti-aliased. A damage detector trained with these on its undamaged pixels learns
 * to leave a document's text and rules alone, which dust, lint and scratches alone do not teach it.
 *
 * <p>Seeded and counter-based: image {@code id} of a generator with seed {@code s} always gets the
 * same drawing, whatever was drawn before. Immutable and thread-safe.
 */
public final class CleanStructure {

    private final long seed;

    private CleanStructure(long seed) {
        this.seed = seed;
    }

    /** A generator of structure seeded with {@code seed}. */
    public static CleanStructure of(long seed) {
        return new CleanStructure(seed);
    }

    /** {@code image} with the structure of image {@code id} drawn in; the input is not changed. */
    public FloatImage render(FloatImage image, long id) {
        SplittableRandom random = new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + id));
        float[] samples = image.toArray().clone();
        Canvas canvas = new Canvas(samples, image.channels(), image.height(), image.width());
        double kind = random.nextDouble();
        if (kind < 0.4 || kind >= 0.75) {
            rules(canvas, random);
        }
        if (kind >= 0.4) {
            writing(canvas, random);
        }
        return FloatImage.wrap(image.channels(), image.height(), image.width(), image.bitDepth(), samples);
    }

    private static void rules(Canvas canvas, SplittableRandom random) {
        double spacing = 10 + random.nextDouble() * 22;
        double width = 0.7 + random.nextDouble() * 1.0;
        double[] ink = ink(random, true);
        double opacity = 0.3 + random.nextDouble() * 0.6;
        double tilt = (random.nextDouble() - 0.5) * 0.04;
        for (double y = random.nextDouble() * spacing; y < canvas.height; y += spacing) {
            canvas.segment(0, y, canvas.width, y + tilt * canvas.width, width, ink, opacity);
        }
        if (random.nextDouble() < 0.4) {
            double x = 4 + random.nextDouble() * (canvas.width - 8);
            canvas.segment(x, 0, x, canvas.height, width, ink(random, true), opacity);
        }
    }

    private static void writing(Canvas canvas, SplittableRandom random) {
        double size = 6 + random.nextDouble() * 12;
        double width = 0.7 + random.nextDouble() * Math.min(1.8, size / 6);
        double[] ink = ink(random, false);
        double opacity = 0.65 + random.nextDouble() * 0.35;
        double slant = (random.nextDouble() - 0.3) * 0.5;
        double lineSpacing = size * (1.4 + random.nextDouble() * 0.8);
        for (double base = size + random.nextDouble() * lineSpacing; base < canvas.height + size; base += lineSpacing) {
            double x = random.nextDouble() * size * 2 - size;
            while (x < canvas.width) {
                int glyphs = 1 + random.nextInt(8);
                for (int g = 0; g < glyphs && x < canvas.width; g++) {
                    double glyphWidth = size * (0.35 + random.nextDouble() * 0.45);
                    glyph(canvas, random, x, base, glyphWidth, size, slant, width, ink, opacity);
                    x += glyphWidth + size * 0.12;
                }
                x += size * (0.4 + random.nextDouble() * 0.6);
            }
        }
    }

    /** One glyph: 1-3 strokes of 2-4 points in its box, some reaching above the x-height or below the line. */
    private static void glyph(
            Canvas canvas,
            SplittableRandom random,
            double left,
            double base,
            double glyphWidth,
            double size,
            double slant,
            double width,
            double[] ink,
            double opacity) {
        double xHeight = size * 0.55;
        int strokes = 1 + random.nextInt(3);
        for (int s = 0; s < strokes; s++) {
            double top = random.nextDouble() < 0.25 ? size : xHeight;
            double bottom = random.nextDouble() < 0.15 ? -size * 0.35 : 0;
            int points = 2 + random.nextInt(3);
            double px = Double.NaN;
            double py = Double.NaN;
            for (int p = 0; p < points; p++) {
                double h = bottom + random.nextDouble() * (top - bottom);
                double x = left + random.nextDouble() * glyphWidth + slant * h;
                double y = base - h;
                if (!Double.isNaN(px)) {
                    canvas.segment(px, py, x, y, width, ink, opacity);
                }
                px = x;
                py = y;
            }
        }
    }

    /** A dark ink (black, blue-black or brown) or, for rules, a light blue, red or grey one. */
    private static double[] ink(SplittableRandom random, boolean rule) {
        double v = rule ? 0.35 + random.nextDouble() * 0.4 : 0.02 + random.nextDouble() * 0.35;
        return switch (random.nextInt(3)) {
            case 0 -> new double[] {v, v, v};
            case 1 ->
                rule ? new double[] {v * 0.8, v * 0.9, Math.min(1, v * 1.6)} : new double[] {v * 0.6, v * 0.7, v * 1.5};
            default ->
                rule ? new double[] {Math.min(1, v * 1.6), v * 0.8, v * 0.8} : new double[] {v * 1.4, v, v * 0.6};
        };
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Samples in [0, 1], channel-major, drawn into with anti-aliased segments. */
    private static final class Canvas {
        private final float[] samples;
        private final int channels;
        private final int height;
        private final int width;

        Canvas(float[] samples, int channels, int height, int width) {
            this.samples = samples;
            this.channels = channels;
            this.height = height;
            this.width = width;
        }

        /** A segment of {@code lineWidth}, its edge coverage from the distance to its axis. */
        void segment(double x0, double y0, double x1, double y1, double lineWidth, double[] ink, double opacity) {
            double half = lineWidth / 2;
            int minX = Math.max(0, (int) Math.floor(Math.min(x0, x1) - half - 1));
            int maxX = Math.min(width - 1, (int) Math.ceil(Math.max(x0, x1) + half + 1));
            int minY = Math.max(0, (int) Math.floor(Math.min(y0, y1) - half - 1));
            int maxY = Math.min(height - 1, (int) Math.ceil(Math.max(y0, y1) + half + 1));
            double dx = x1 - x0;
            double dy = y1 - y0;
            double length2 = dx * dx + dy * dy;
            for (int y = minY; y <= maxY; y++) {
                for (int x = minX; x <= maxX; x++) {
                    double t = length2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / length2));
                    double distance = Math.hypot(x - (x0 + t * dx), y - (y0 + t * dy));
                    double coverage = Math.max(0, Math.min(1, half + 0.5 - distance)) * opacity;
                    if (coverage > 0) {
                        paint(y, x, ink, coverage);
                    }
                }
            }
        }

        private void paint(int y, int x, double[] ink, double coverage) {
            int plane = height * width;
            if (channels == 1) {
                double gray = (ink[0] + ink[1] + ink[2]) / 3;
                int i = y * width + x;
                samples[i] = (float) Math.min(samples[i], samples[i] * (1 - coverage) + gray * coverage);
                return;
            }
            for (int c = 0; c < channels; c++) {
                int i = c * plane + y * width + x;
                samples[i] = (float) Math.min(samples[i], samples[i] * (1 - coverage) + ink[c] * coverage);
            }
        }
    }
}
