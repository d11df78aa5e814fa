package dev.imagerestore.models.inpaint;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.inpaint.internal.LineOpening;
import dev.imagerestore.models.inpaint.internal.Morphology;
import java.util.ArrayDeque;

/**
 * Finds thin bright or dark damage (scratches, hairs, cracks, dust) in a print, for {@code --mask
 * auto}: morphological top-hats pick the details narrower than the structuring element, and line
 * and size rules keep only what is shaped like damage.
 *
 * <ol>
 *   <li>On the luminance (channel mean), the white top-hat {@code f - open(f)} and the black top-hat
 *       {@code close(f) - f} with a square element of side {@code 2 radius + 1} (Serra, "Image Analysis
 *       and Mathematical Morphology", 1982; Meyer's top-hat for thin bright objects). A pixel responds
 *       with the larger of the two; pixels responding at least {@code low} are candidates.</li>
 *   <li>Lines (scratches, hairs, cracks, also where they cross): the candidates that lie on a
 *       straight run of {@code lineLength} candidates in one of 16 directions with no candidate
 *       {@code 2 radius - 1} pixels to either side ({@link LineOpening}): isolated thin lines, not
 *       the inside of a texture.</li>
 *   <li>Specks (dust): 8-connected groups of pixels responding at least {@code high}, grown over the
 *       candidates, of at most {@code maxSpeck} pixels with a peak response of at least
 *       {@code speckContrast}.</li>
 * </ol>
 *
 * <p>Measured by {@code eval inpaint --masks auto-synthetic} (recall and precision on rendered
 * scratches, fraction flagged on the clean images). Immutable and thread-safe.
 */
public final class DamageDetector {

    /** Directions of the line openings, over 180 degrees. */
    private static final int DIRECTIONS = 16;

    private final int radius;
    private final float low;
    private final float high;
    private final int lineLength;
    private final int maxSpeck;
    private final float speckContrast;

    private DamageDetector(int radius, float low, float high, int lineLength, int maxSpeck, float speckContrast) {
        this.radius = radius;
        this.low = low;
        this.high = high;
        this.lineLength = lineLength;
        this.maxSpeck = maxSpeck;
        this.speckContrast = speckContrast;
    }

    /** The settings measured on CBSD68 with rendered scratches (see the README). */
    public static DamageDetector create() {
        return new DamageDetector(4, 0.25f, 0.3f, 21, 6, 0.45f);
    }

    /** The damage found in {@code image}. */
    public Mask detect(FloatImage image) {
        int h = image.height();
        int w = image.width();
        float[] luma = luminance(image);
        float[] bright = Morphology.whiteTopHat(luma, h, w, radius);
        float[] dark = Morphology.blackTopHat(luma, h, w, radius);
        float[] response = new float[luma.length];
        boolean[] candidate = new boolean[luma.length];
        for (int i = 0; i < response.length; i++) {
            response[i] = Math.max(bright[i], dark[i]);
            candidate[i] = response[i] >= low;
        }
        boolean[] out = LineOpening.open(candidate, h, w, lineLength, DIRECTIONS, 2 * radius - 1);
        boolean[] seen = new boolean[luma.length];
        int[] component = new int[luma.length];
        for (int i = 0; i < luma.length; i++) {
            if (!seen[i] && response[i] >= high) {
                int size = grow(response, seen, component, i, h, w);
                if (size <= maxSpeck && peak(response, component, size) >= speckContrast) {
                    for (int k = 0; k < size; k++) {
                        out[component[k]] = true;
                    }
                }
            }
        }
        return Mask.of(h, w, out);
    }

    private static float peak(float[] response, int[] component, int size) {
        float peak = 0;
        for (int k = 0; k < size; k++) {
            peak = Math.max(peak, response[component[k]]);
        }
        return peak;
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
