package dev.imagerestore.models.inpaint;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.inpaint.internal.Morphology;
import java.util.ArrayDeque;

/**
 * Finds thin bright or dark damage (scratches, hairs, cracks, dust) in a print, for {@code --mask
 * auto}: morphological top-hats pick the details narrower than the structuring element, and size and
 * shape rules keep only what is shaped like damage.
 *
 * <ol>
 *   <li>On the luminance (channel mean), the white top-hat {@code f - open(f)} and the black top-hat
 *       {@code close(f) - f} with a square element of side {@code 2 radius + 1} (Serra, "Image Analysis
 *       and Mathematical Morphology", 1982; Meyer's top-hat for thin bright objects). A pixel responds
 *       with the larger of the two.</li>
 *   <li>Hysteresis (Canny 1986): pixels above {@code low} that are 8-connected to a pixel above
 *       {@code high} form candidate components.</li>
 *   <li>Shape rules on each component: a <em>line</em> (scratch, hair, crack, crossings included)
 *       has length {@code perimeter / 2 >= minLength}, mean width {@code area / length <= maxWidth}
 *       and a bounding-box diagonal of at least 0.4 times its length (it goes somewhere, as texture
 *       does not); a <em>speck</em> (dust) has area {@code <= maxSpeck} and a peak response
 *       {@code >= speckContrast}. Everything else (textures, edges, structure that is wide or weak)
 *       is dropped.</li>
 * </ol>
 *
 * <p>Measured by {@code eval inpaint --masks auto-synthetic} (recall and precision on rendered
 * scratches, fraction flagged on the clean images). Immutable and thread-safe.
 */
public final class DamageDetector {

    /** A line's bounding-box diagonal must be at least this fraction of its length: meandering texture is not. */
    private static final double MIN_STRAIGHTNESS = 0.4;

    private final int radius;
    private final float low;
    private final float high;
    private final double minLength;
    private final double maxWidth;
    private final int maxSpeck;
    private final float speckContrast;

    private DamageDetector(int radius, float low, float high, double minLength, double maxWidth, int maxSpeck,
            float speckContrast) {
        this.radius = radius;
        this.low = low;
        this.high = high;
        this.minLength = minLength;
        this.maxWidth = maxWidth;
        this.maxSpeck = maxSpeck;
        this.speckContrast = speckContrast;
    }

    /** The settings measured on CBSD68 with rendered scratches (see the README). */
    public static DamageDetector create() {
        return new DamageDetector(4, 0.12f, 0.3f, 24, 5.5, 6, 0.45f);
    }

    /** The damage found in {@code image}. */
    public Mask detect(FloatImage image) {
        int h = image.height();
        int w = image.width();
        float[] luma = luminance(image);
        float[] bright = Morphology.whiteTopHat(luma, h, w, radius);
        float[] dark = Morphology.blackTopHat(luma, h, w, radius);
        float[] response = new float[luma.length];
        for (int i = 0; i < response.length; i++) {
            response[i] = Math.max(bright[i], dark[i]);
        }
        boolean[] out = new boolean[luma.length];
        boolean[] seen = new boolean[luma.length];
        int[] component = new int[luma.length];
        boolean[] member = new boolean[luma.length];
        for (int i = 0; i < luma.length; i++) {
            if (!seen[i] && response[i] >= high) {
                int size = grow(response, seen, component, i, h, w);
                for (int k = 0; k < size; k++) {
                    member[component[k]] = true;
                }
                boolean damage = keep(response, member, component, size, h, w);
                for (int k = 0; k < size; k++) {
                    member[component[k]] = false;
                    out[component[k]] = damage;
                }
            }
        }
        return Mask.of(h, w, out);
    }

    /** Flood fill over pixels above {@code low} from {@code seed}; the pixels go to {@code component}. */
    private int grow(float[] response, boolean[] seen, int[] component, int seed, int h, int w) {
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(seed);
        seen[seed] = true;
        int size = 0;
        while (!queue.isEmpty()) {
            int i = queue.poll();
            component[size++] = i;
            int y = i / w;
            int x = i % w;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int ny = y + dy;
                    int nx = x + dx;
                    if (ny >= 0 && ny < h && nx >= 0 && nx < w && !seen[ny * w + nx] && response[ny * w + nx] >= low) {
                        seen[ny * w + nx] = true;
                        queue.add(ny * w + nx);
                    }
                }
            }
        }
        return size;
    }

    private boolean keep(float[] response, boolean[] member, int[] component, int size, int h, int w) {
        float peak = 0;
        int top = h;
        int bottom = 0;
        int left = w;
        int right = 0;
        int perimeter = 0;
        for (int k = 0; k < size; k++) {
            int i = component[k];
            int y = i / w;
            int x = i % w;
            peak = Math.max(peak, response[i]);
            top = Math.min(top, y);
            bottom = Math.max(bottom, y);
            left = Math.min(left, x);
            right = Math.max(right, x);
            perimeter += (y == 0 || !member[i - w] ? 1 : 0) + (y == h - 1 || !member[i + w] ? 1 : 0)
                    + (x == 0 || !member[i - 1] ? 1 : 0) + (x == w - 1 || !member[i + 1] ? 1 : 0);
        }
        if (size <= maxSpeck) {
            return peak >= speckContrast;
        }
        double length = perimeter / 2.0;
        double extent = Math.hypot(bottom - top + 1, right - left + 1);
        return length >= minLength && size / length <= maxWidth && extent >= MIN_STRAIGHTNESS * length;
    }

    private static float[] luminance(FloatImage image) {
        int plane = image.height() * image.width();
        float[] luma = new float[plane];
        for (int c = 0; c < image.channels(); c++) {
            for (int i = 0; i < plane; i++) {
                luma[i] += image.get(c, i / image.width(), i % image.width()) / image.channels();
            }
        }
        return luma;
    }
}
