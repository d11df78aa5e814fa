package dev.imagerestore.models.inpaint.internal;

/**
 * Small isolated blobs (dust): a pixel is a candidate when it is brighter, or darker, than every pixel
 * on the square ring at Chebyshev distance {@code ring} by at least {@code contrast} (a blob that fits
 * inside the ring stands out from all of its surroundings, a line leaves through the ring); 8-connected
 * candidates of one polarity of at most {@code maxSize} pixels are visited. Stateless.
 */
public final class Specks {

    private Specks() {}

    /** Visits the specks of the {@code h x w} plane {@code luma}. */
    public static void forEach(
            float[] luma, int h, int w, int ring, float contrast, int maxSize, LineComponents.Visitor visitor) {
        byte[] polarity = new byte[h * w];
        for (int y = ring; y < h - ring; y++) {
            for (int x = ring; x < w - ring; x++) {
                polarity[y * w + x] = stand(luma, w, y, x, ring, contrast);
            }
        }
        boolean[] seen = new boolean[h * w];
        int[] pixels = new int[h * w];
        for (int seed = 0; seed < pixels.length; seed++) {
            if (seen[seed] || polarity[seed] == 0) {
                continue;
            }
            seen[seed] = true;
            pixels[0] = seed;
            int size = 1;
            for (int head = 0; head < size; head++) {
                int y = pixels[head] / w;
                int x = pixels[head] % w;
                for (int ny = Math.max(0, y - 1); ny <= Math.min(h - 1, y + 1); ny++) {
                    for (int nx = Math.max(0, x - 1); nx <= Math.min(w - 1, x + 1); nx++) {
                        int j = ny * w + nx;
                        if (!seen[j] && polarity[j] == polarity[seed]) {
                            seen[j] = true;
                            pixels[size++] = j;
                        }
                    }
                }
            }
            if (size <= maxSize) {
                visitor.component(pixels, size);
            }
        }
    }

    /** {@link LineContrast#BRIGHT} or {@link LineContrast#DARK} when the pixel stands out of its ring, else 0. */
    private static byte stand(float[] luma, int w, int y, int x, int ring, float contrast) {
        float v = luma[y * w + x];
        boolean bright = true;
        boolean dark = true;
        for (int k = -ring; k < ring && (bright || dark); k++) {
            float[] around = {
                luma[(y - ring) * w + x + k],
                luma[(y + k + 1) * w + x - ring],
                luma[(y + ring) * w + x - k],
                luma[(y - k - 1) * w + x + ring]
            };
            for (float a : around) {
                bright &= v - a >= contrast;
                dark &= a - v >= contrast;
            }
        }
        return bright ? LineContrast.BRIGHT : dark ? LineContrast.DARK : 0;
    }
}
