package dev.imagerestore.models.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.inpaint.Mask;
import org.junit.jupiter.api.Test;

class RecallByContrastTest {

    @Test
    void eachDamagedPixelCountsInTheBinOfItsLargestChannelChange() {
        FloatImage clean = FloatImage.wrap(3, 1, 5, 8, new float[15]);
        float[] rendered = new float[15];
        // pixel x changes by these levels in channel x % 3; pixel 4 is not damaged
        float[] levels = {2.55f, 12.75f, 51f, 127.5f, 200f};
        for (int x = 0; x < 5; x++) {
            rendered[(x % 3) * 5 + x] = levels[x] / 255;
        }
        Mask truth = Mask.of(1, 5, new boolean[] {true, true, true, true, false});
        Mask flagged = Mask.of(1, 5, new boolean[] {false, false, true, true, true});

        RecallByContrast recall = new RecallByContrast();
        recall.add(clean, FloatImage.wrap(3, 1, 5, 8, rendered), truth, flagged);

        assertThat(new long[] {
                    recall.damaged(0), recall.damaged(1), recall.damaged(2), recall.damaged(3), recall.damaged(4)
                })
                .containsExactly(1, 1, 0, 1, 1);
        assertThat(new long[] {recall.found(0), recall.found(1), recall.found(2), recall.found(3), recall.found(4)})
                .containsExactly(0, 0, 0, 1, 1);
        assertThat(recall.table())
                .contains(String.format("%-18s %14.3f %8.3f %14.3f", "< 8", 0.25, 0.0, 0.5))
                .contains(String.format("%-18s %14.3f %8.3f %14.3f", ">= 64", 0.25, 1.0, 0.0));
    }

    @Test
    void imagesAndMasksOfOtherSizesAreRefused() {
        FloatImage clean = FloatImage.wrap(1, 2, 2, 8, new float[4]);
        assertThatThrownBy(() -> new RecallByContrast().add(clean, clean, Mask.empty(2, 3), Mask.empty(2, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("masks 2x3");
    }
}
