package dev.imagerestore.models.damage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.models.image.FloatImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CleanStructureTest {

    private static FloatImage paper(int channels) {
        float[] samples = new float[channels * 64 * 64];
        Arrays.fill(samples, 0.9f);
        return FloatImage.wrap(channels, 64, 64, 8, samples);
    }

    private static double inkedShare(FloatImage before, FloatImage after) {
        float[] a = before.toArray();
        float[] b = after.toArray();
        long changed = 0;
        for (int i = 0; i < a.length; i++) {
            assertThat(b[i]).as("ink only darkens, sample %s", i).isLessThanOrEqualTo(a[i]);
            if (b[i] < a[i] - 0.05f) {
                changed++;
            }
        }
        return changed / (double) a.length;
    }

    @Test
    void theSameSeedAndIdDrawTheSameStructureAndOtherIdsOtherStructure() {
        FloatImage paper = paper(3);
        CleanStructure structure = CleanStructure.of(3);

        FloatImage first = structure.render(paper, 5);

        assertThat(CleanStructure.of(3).render(paper, 5).toArray()).isEqualTo(first.toArray());
        assertThat(structure.render(paper, 6).toArray()).isNotEqualTo(first.toArray());
        assertThat(CleanStructure.of(4).render(paper, 5).toArray()).isNotEqualTo(first.toArray());
        assertThat(paper.toArray()).as("the input is left as it was").containsOnly(0.9f);
    }

    @Test
    void everyDrawingInksSomeButNotMostOfTheImageInColourAndGray() {
        for (int channels : new int[] {1, 3}) {
            FloatImage paper = paper(channels);
            double least = 1;
            double most = 0;
            for (long id = 0; id < 40; id++) {
                double share = inkedShare(paper, CleanStructure.of(11).render(paper, id));
                least = Math.min(least, share);
                most = Math.max(most, share);
            }
            assertThat(least).as("%s channel(s): least inked share", channels).isGreaterThan(0.01);
            assertThat(most).as("%s channel(s): most inked share", channels).isLessThan(0.6);
        }
    }
}
