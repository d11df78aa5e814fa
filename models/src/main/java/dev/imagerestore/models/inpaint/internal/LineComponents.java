package dev.imagerestore.models.inpaint.internal;

/**
 * Groups a {@link LineContrast.Response} into line components by hysteresis (Canny, IEEE PAMI 1986)
 * that follows orientation: a component starts at a pixel whose contrast is at least {@code high} and
 * grows over 8-neighbours whose contrast is at least {@code low}, stepping only between pixels of the
 * same polarity whose directions differ by at most {@code tolerance} steps (circularly). A curve that
 * bends slowly stays one component; lines crossing at a wider angle, and texture whose short strokes
 * point every way, fall apart into separate pieces. Each pixel belongs to at most one component.
 * Stateless.
 */
public final class LineComponents {

    /** Receives each component; {@code pixels[0..size)} are row-major indices, valid during the call only. */
    @FunctionalInterface
    public interface Visitor {
        void component(int[] pixels, int size);
    }

    private LineComponents() {}

    /** Visits the components of {@code response} over an {@code h x w} plane. */
    public static void forEach(
            LineContrast.Response response,
            int h,
            int w,
            float high,
            float low,
            int directions,
            int tolerance,
            Visitor visitor) {
        float[] contrast = response.contrast();
        byte[] polarity = response.polarity();
        byte[] direction = response.direction();
        boolean[] seen = new boolean[h * w];
        int[] pixels = new int[h * w];
        for (int seed = 0; seed < pixels.length; seed++) {
            if (seen[seed] || contrast[seed] < high) {
                continue;
            }
            seen[seed] = true;
            pixels[0] = seed;
            int size = 1;
            for (int head = 0; head < size; head++) {
                int i = pixels[head];
                int y = i / w;
                int x = i % w;
                for (int ny = Math.max(0, y - 1); ny <= Math.min(h - 1, y + 1); ny++) {
                    for (int nx = Math.max(0, x - 1); nx <= Math.min(w - 1, x + 1); nx++) {
                        int j = ny * w + nx;
                        if (!seen[j]
                                && contrast[j] >= low
                                && polarity[j] == polarity[i]
                                && turn(direction[i], direction[j], directions) <= tolerance) {
                            seen[j] = true;
                            pixels[size++] = j;
                        }
                    }
                }
            }
            visitor.component(pixels, size);
        }
    }

    /**
     * The length of a component from its second moments: {@code sqrt(12 lambda)}, with {@code lambda}
     * the larger eigenvalue of the covariance of its pixel coordinates (exact for a straight bar).
     */
    public static double length(int[] pixels, int size, int w) {
        double sy = 0;
        double sx = 0;
        for (int k = 0; k < size; k++) {
            sy += pixels[k] / w;
            sx += pixels[k] % w;
        }
        double my = sy / size;
        double mx = sx / size;
        double yy = 0;
        double xx = 0;
        double xy = 0;
        for (int k = 0; k < size; k++) {
            double dy = pixels[k] / w - my;
            double dx = pixels[k] % w - mx;
            yy += dy * dy;
            xx += dx * dx;
            xy += dx * dy;
        }
        yy /= size;
        xx /= size;
        xy /= size;
        double lambda = (yy + xx) / 2 + Math.sqrt((yy - xx) * (yy - xx) / 4 + xy * xy);
        return Math.sqrt(12 * lambda);
    }

    private static int turn(int a, int b, int directions) {
        int d = Math.abs(a - b);
        return Math.min(d, directions - d);
    }
}
