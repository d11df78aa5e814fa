package dev.imagerestore.models.inpaint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.restore.SyntheticImages;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DamageDetectorTest {

    private final DamageDetector detector = DamageDetector.create();

    @Test
    void findsRenderedScratchesOnASmoothPrint() {
        FloatImage clean = SyntheticImages.smooth(3, 160, 200);
        SyntheticDamage.Damaged damaged = SyntheticDamage.scratched(clean, 0.03, 11);

        Mask found = detector.detect(damaged.image());

        int hit = found.overlapCount(damaged.mask());
        assertThat(hit / (double) damaged.mask().count()).as("recall").isGreaterThanOrEqualTo(0.9);
        assertThat(hit / (double) found.count()).as("precision").isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void findsRenderedScratchesAcrossNoiseTexture() {
        FloatImage clean = speckled(3, 160, 200, 0.35f, 0.15f, 5);
        SyntheticDamage.Damaged damaged = SyntheticDamage.scratched(clean, 0.03, 12);

        Mask found = detector.detect(damaged.image());

        int hit = found.overlapCount(damaged.mask());
        assertThat(hit / (double) damaged.mask().count()).as("recall").isGreaterThanOrEqualTo(0.8);
        assertThat(hit / (double) found.count()).as("precision").isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void flagsNothingOnACleanSmoothPrint() {
        assertThat(detector.detect(SyntheticImages.smooth(3, 120, 120)).count()).isZero();
    }

    @Test
    void flagsAlmostNothingOnATexturedTestCard() {
        assertThat(detector.detect(SyntheticImages.textured(3, 160, 200, 3)).fraction())
                .isLessThan(0.01);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void findsALightLineOfEachWidthUpToFivePixels(int width) {
        float[] samples = filled(100, 120, 0.45f);
        Mask line = Mask.box(100, 120, 40, 20, width, 80);
        paint(samples, line, 0.95f);

        Mask found = detector.detect(FloatImage.wrap(1, 100, 120, 8, samples));

        assertThat(found.overlapCount(line)).as("line pixels found").isGreaterThanOrEqualTo((80 - 2) * width);
        assertThat(found.count()).as("pixels flagged").isEqualTo(found.overlapCount(line));
    }

    @Test
    void findsADarkDiagonalScratch() {
        float[] samples = filled(120, 120, 0.6f);
        boolean[] scratch = new boolean[120 * 120];
        for (int x = 20; x < 100; x++) {
            int y = 10 + (int) Math.round(0.6 * x);
            scratch[y * 120 + x] = true;
            scratch[(y + 1) * 120 + x] = true;
        }
        Mask line = Mask.of(120, 120, scratch);
        paint(samples, line, 0.05f);

        Mask found = detector.detect(FloatImage.wrap(1, 120, 120, 8, samples));

        assertThat(found.overlapCount(line)).isGreaterThanOrEqualTo(line.count() - 8);
        assertThat(found.count()).isEqualTo(found.overlapCount(line));
    }

    @Test
    void keepsWideStructuresEdgesAndWeakLines() {
        float[] samples = filled(100, 100, 0.5f);
        for (int y = 0; y < 100; y++) {
            for (int x = 40; x < 60; x++) {
                samples[y * 100 + x] = 0.95f; // a 20 px wide bright band: wider than any scratch
            }
            for (int x = 80; x < 100; x++) {
                samples[y * 100 + x] = 0.02f; // a step edge to black
            }
            samples[y * 100 + 10] = 0.55f; // a faint 1 px line, below the contrast thresholds
        }

        Mask found = detector.detect(FloatImage.wrap(1, 100, 100, 8, samples));

        assertThat(found.count()).isZero();
    }

    @Test
    void takesColouredAndMidGreyLinesForThePicture() {
        FloatImage image = colouredAndMidGreyLines();

        assertThat(detector.detect(image).count()).isZero();
        assertThat(new DamageDetector(true, false).detect(image).overlapCount(Mask.box(100, 100, 20, 10, 1, 80)))
                .as("the yellow line, without the neutral rule")
                .isGreaterThanOrEqualTo(78);
        assertThat(new DamageDetector(false, true).detect(image).overlapCount(Mask.box(100, 100, 60, 10, 1, 80)))
                .as("the mid-grey line, without the tone rule")
                .isGreaterThanOrEqualTo(78);
    }

    @Test
    void findsAThinDarkHairAndAnIsolatedBrightSpeck() {
        float[] samples = filled(80, 80, 0.4f);
        Mask hair = Mask.box(80, 80, 40, 10, 1, 60);
        paint(samples, hair, 0.05f);
        samples[10 * 80 + 10] = 1f;
        samples[10 * 80 + 11] = 1f;

        Mask found = detector.detect(FloatImage.wrap(1, 80, 80, 8, samples));

        assertThat(found.overlapCount(hair)).isGreaterThanOrEqualTo(58);
        assertThat(found.get(10, 10)).isTrue();
        assertThat(found.get(10, 11)).isTrue();
        assertThat(found.count()).isEqualTo(found.overlapCount(hair) + 2);
    }

    /**
     * On dark grey (0.3): a light yellow 1 px line (1, 1, 0.5) on row 20, as light as paper base but
     * coloured, and a mid-grey one (0.62) on row 60, both for x in [10, 90).
     */
    private static FloatImage colouredAndMidGreyLines() {
        int plane = 100 * 100;
        float[] samples = new float[3 * plane];
        Arrays.fill(samples, 0.3f);
        for (int x = 10; x < 90; x++) {
            samples[20 * 100 + x] = 1f;
            samples[plane + 20 * 100 + x] = 1f;
            samples[2 * plane + 20 * 100 + x] = 0.5f;
            for (int c = 0; c < 3; c++) {
                samples[c * plane + 60 * 100 + x] = 0.62f;
            }
        }
        return FloatImage.wrap(3, 100, 100, 8, samples);
    }

    /** {@code base} plus uniform noise of half-width {@code amplitude}, the same in every channel. */
    private static FloatImage speckled(int channels, int h, int w, float base, float amplitude, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] plane = new float[h * w];
        for (int i = 0; i < plane.length; i++) {
            plane[i] = base + amplitude * (float) random.nextDouble(-1, 1);
        }
        float[] samples = new float[channels * h * w];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(plane, 0, samples, c * plane.length, plane.length);
        }
        return FloatImage.wrap(channels, h, w, 8, samples);
    }

    private static float[] filled(int h, int w, float value) {
        float[] samples = new float[h * w];
        Arrays.fill(samples, value);
        return samples;
    }

    private static void paint(float[] samples, Mask mask, float value) {
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < mask.width(); x++) {
                if (mask.get(y, x)) {
                    samples[y * mask.width() + x] = value;
                }
            }
        }
    }
}
