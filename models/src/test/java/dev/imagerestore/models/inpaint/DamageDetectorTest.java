package dev.imagerestore.models.inpaint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.restore.SyntheticImages;
import org.junit.jupiter.api.Test;

class DamageDetectorTest {

    private final DamageDetector detector = DamageDetector.create();

    @Test
    void findsRenderedScratchesOnASmoothPrint() {
        FloatImage clean = SyntheticImages.smooth(3, 160, 200);
        SyntheticDamage.Damaged damaged = SyntheticDamage.scratched(clean, 0.03, 11);

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
    void keepsWideStructuresAndDropsWeakOnes() {
        float[] samples = new float[100 * 100];
        java.util.Arrays.fill(samples, 0.5f);
        for (int y = 0; y < 100; y++) {
            for (int x = 40; x < 60; x++) {
                samples[y * 100 + x] = 0.95f; // a 20 px wide bright band: real structure, wider than the element
            }
            samples[y * 100 + 10] = 0.55f; // a faint 1 px line, below the contrast thresholds
        }

        Mask found = detector.detect(FloatImage.wrap(1, 100, 100, 8, samples));

        assertThat(found.count()).isZero();
    }

    @Test
    void findsAThinDarkHairAndAnIsolatedBrightSpeck() {
        float[] samples = new float[80 * 80];
        java.util.Arrays.fill(samples, 0.4f);
        for (int x = 10; x < 70; x++) {
            samples[40 * 80 + x] = 0.05f;
        }
        samples[10 * 80 + 10] = 1f;
        samples[10 * 80 + 11] = 1f;

        Mask found = detector.detect(FloatImage.wrap(1, 80, 80, 8, samples));

        assertThat(found.overlapCount(Mask.box(80, 80, 40, 10, 1, 60))).isEqualTo(60);
        assertThat(found.get(10, 10)).isTrue();
        assertThat(found.count()).isEqualTo(62);
    }
}
