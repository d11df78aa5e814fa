package dev.imagerestore.models.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.imagerestore.models.inpaint.Mask;
import org.junit.jupiter.api.Test;

class TolerantCountsTest {

    @Test
    void aHairlineOnePixelOffItsMaskScoresZeroStrictlyAndFullyWithinOnePixel() {
        Mask hair = Mask.box(16, 16, 8, 2, 1, 12);
        Mask flagged = Mask.box(16, 16, 9, 2, 1, 12);

        assertThat(TolerantCounts.of(hair, flagged, 0).f1()).isZero();
        TolerantCounts one = TolerantCounts.of(hair, flagged, 1);
        assertThat(one).isEqualTo(new TolerantCounts(12, 0, 12, 0));
        assertThat(one.f1()).isEqualTo(1.0);
    }

    @Test
    void atZeroToleranceTheCountsAreTheStrictOnes() {
        Mask damage = Mask.box(8, 8, 0, 0, 3, 3);
        Mask flagged = Mask.box(8, 8, 2, 2, 4, 4);
        DetectionCounts strict = DetectionCounts.of(damage, Mask.empty(8, 8), flagged);

        TolerantCounts tolerant = TolerantCounts.of(damage, flagged, 0);

        assertThat(tolerant.precision()).isCloseTo(strict.precision(), within(1e-12));
        assertThat(tolerant.recall()).isCloseTo(strict.recall(), within(1e-12));
        // within 2 px: the flagged 4x4 box reaches every damaged pixel; its pixels at (5..5) are 3 px away
        TolerantCounts two = TolerantCounts.of(damage, flagged, 2);
        assertThat(two.recall()).isEqualTo(1.0);
        assertThat(two).isEqualTo(new TolerantCounts(9, 0, 9, 7));
        assertThat(two.plus(two)).isEqualTo(new TolerantCounts(18, 0, 18, 14));
    }

    @Test
    void masksOfDifferentSizesAndANegativeToleranceAreRefused() {
        assertThatThrownBy(() -> TolerantCounts.of(Mask.empty(4, 4), Mask.empty(4, 5), 1))
                .hasMessageContaining("differ in size");
        assertThatThrownBy(() -> TolerantCounts.of(Mask.empty(4, 4), Mask.empty(4, 4), -1))
                .hasMessageContaining(">= 0 pixels, got -1");
        assertThat(TolerantCounts.none().f1()).isZero();
    }
}
