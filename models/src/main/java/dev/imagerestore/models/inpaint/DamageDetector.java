package dev.imagerestore.models.inpaint;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.inpaint.internal.LineComponents;
import dev.imagerestore.models.inpaint.internal.LineContrast;
import dev.imagerestore.models.inpaint.internal.Specks;

/**
 * Finds the damage of a print, for {@code --mask auto}: scratches, hairs and cracks (thin lines, up to
 * 5 px wide) and dust specks, light on dark or dark on light.
 *
 * <ol>
 *   <li>Line contrast ({@link LineContrast}) of the luminance (channel mean) in 16 directions: the
 *       pixel and both halves of the 9-pixel line through it against parallel flank lines 1, 3 and
 *       5 px to either side, both of which must be darker (or lighter): lines up to 5 px wide respond,
 *       edges do not.</li>
 *   <li>Hysteresis that follows orientation ({@link LineComponents}): components start at contrast
 *       0.30 and grow over contrast 0.15 between pixels whose directions differ by at most one step
 *       (11.25 degrees).</li>
 *   <li>A component is kept as a line when it is at least 20 px long ({@link LineComponents#length}),
 *       or as a speck ({@link Specks}) when it has at most 6 pixels that stand out by 0.45 from all
 *       pixels 3 px away.</li>
 *   <li>The damage model of a print: a kept component is light (mean luminance at least 0.75, paper
 *       base showing through) or dark (at most 0.25, dust and hair) and neutral (mean spread between
 *       the channels at most 0.08); coloured or mid-grey thin structure is taken to be the picture's.</li>
 *   <li>Each kept component grows by one pixel into neighbours within 0.1 of its mean luminance,
 *       which takes in line ends and the soft edges of wide lines.</li>
 * </ol>
 *
 * <p>The settings were chosen on the CBSD432 training images with scratches painted by
 * {@link SyntheticDamage}; the test images (CBSD68) only measure them, with {@code eval inpaint --masks
 * auto-synthetic --detection-only} (recall and precision against the painted pixels, fraction flagged
 * on the clean images; see docs/evaluation.md). On a greyscale image the neutral rule passes everything, so
 * such scans rest on the line geometry and the tone rule alone. Immutable and thread-safe.
 */
public final class DamageDetector {

    private static final int DIRECTIONS = 16;
    private static final int HALF_LENGTH = 4;
    private static final int REACH = 5;
    private static final float HIGH = 0.30f;
    private static final float LOW = 0.15f;
    private static final int TURN = 1;
    private static final double MIN_LENGTH = 20;
    private static final int SPECK_RING = 3;
    private static final float SPECK_CONTRAST = 0.45f;
    private static final int MAX_SPECK = 6;
    private static final double TONE = 0.25;
    private static final double MAX_CHROMA = 0.08;
    private static final double GROW_TOLERANCE = 0.1;

    private final boolean toneRule;
    private final boolean neutralRule;

    /** With either rule of the damage model switched off (for tests and measurements). */
    DamageDetector(boolean toneRule, boolean neutralRule) {
        this.toneRule = toneRule;
        this.neutralRule = neutralRule;
    }

    /** The detector measured on CBSD68 with painted scratches (see docs/evaluation.md). */
    public static DamageDetector create() {
        return new DamageDetector(true, true);
    }

    /** The damage found in {@code image}. */
    public Mask detect(FloatImage image) {
        int h = image.height();
        int w = image.width();
        float[] samples = image.toArray();
        float[] luma = luminance(samples, image.channels(), h * w);
        float[] chroma = chroma(samples, image.channels(), h * w);
        boolean[] out = new boolean[h * w];
        LineContrast.Response response = LineContrast.compute(luma, h, w, DIRECTIONS, HALF_LENGTH, REACH);
        LineComponents.forEach(response, h, w, HIGH, LOW, DIRECTIONS, TURN, (pixels, size) -> {
            if (LineComponents.length(pixels, size, w) >= MIN_LENGTH) {
                keep(pixels, size, response.polarity()[pixels[0]], luma, chroma, out, h, w);
            }
        });
        Specks.forEach(
                luma,
                h,
                w,
                SPECK_RING,
                SPECK_CONTRAST,
                MAX_SPECK,
                (pixels, size) -> keep(
                        pixels,
                        size,
                        luma[pixels[0]] > 0.5f ? LineContrast.BRIGHT : LineContrast.DARK,
                        luma,
                        chroma,
                        out,
                        h,
                        w));
        return Mask.of(h, w, out);
    }

    /** Marks the component in {@code out}, grown by one pixel, when it fits the damage model. */
    private void keep(
            int[] pixels, int size, byte polarity, float[] luma, float[] chroma, boolean[] out, int h, int w) {
        double tone = 0;
        double spread = 0;
        for (int k = 0; k < size; k++) {
            tone += luma[pixels[k]];
            spread += chroma[pixels[k]];
        }
        tone /= size;
        spread /= size;
        boolean extreme = polarity == LineContrast.BRIGHT ? tone >= 1 - TONE : tone <= TONE;
        if ((toneRule && !extreme) || (neutralRule && spread > MAX_CHROMA)) {
            return;
        }
        for (int k = 0; k < size; k++) {
            out[pixels[k]] = true;
        }
        for (int k = 0; k < size; k++) {
            int y = pixels[k] / w;
            int x = pixels[k] % w;
            for (int ny = Math.max(0, y - 1); ny <= Math.min(h - 1, y + 1); ny++) {
                for (int nx = Math.max(0, x - 1); nx <= Math.min(w - 1, x + 1); nx++) {
                    out[ny * w + nx] |= Math.abs(luma[ny * w + nx] - tone) <= GROW_TOLERANCE;
                }
            }
        }
    }

    private static float[] luminance(float[] samples, int channels, int plane) {
        float[] luma = new float[plane];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < plane; i++) {
                luma[i] += samples[c * plane + i];
            }
        }
        for (int i = 0; i < plane; i++) {
            luma[i] /= channels;
        }
        return luma;
    }

    /** The spread between the largest and the smallest channel (0 for a grey image). */
    private static float[] chroma(float[] samples, int channels, int plane) {
        float[] spread = new float[plane];
        for (int i = 0; i < plane; i++) {
            float min = samples[i];
            float max = samples[i];
            for (int c = 1; c < channels; c++) {
                min = Math.min(min, samples[c * plane + i]);
                max = Math.max(max, samples[c * plane + i]);
            }
            spread[i] = max - min;
        }
        return spread;
    }
}
