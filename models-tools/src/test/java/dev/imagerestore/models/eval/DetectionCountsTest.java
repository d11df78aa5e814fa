package dev.imagerestore.models.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.models.inpaint.Mask;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class DetectionCountsTest {

    @Test
    void countsPixelsAndPoolsThemAcrossImages() {
        Mask damage = Mask.box(4, 4, 0, 0, 2, 2);
        Mask stains = Mask.box(4, 4, 0, 0, 4, 1);
        Mask flagged = Mask.box(4, 4, 1, 0, 2, 3);

        DetectionCounts one = DetectionCounts.of(damage, stains, flagged);

        assertThat(one).isEqualTo(new DetectionCounts(2, 4, 2, 2, 1));
        assertThat(one.precision()).isCloseTo(2 / 6.0, Offset.offset(1e-12));
        assertThat(one.recall()).isCloseTo(0.5, Offset.offset(1e-12));
        assertThat(one.f1()).isCloseTo(2 * (1 / 3.0) * 0.5 / (1 / 3.0 + 0.5), Offset.offset(1e-12));
        assertThat(one.stainFlaggedFraction()).isEqualTo(0.5);
        DetectionCounts two = one.plus(DetectionCounts.of(damage, Mask.empty(4, 4), damage));
        assertThat(two).isEqualTo(new DetectionCounts(6, 4, 2, 2, 1));
        assertThat(two.recall()).isCloseTo(0.75, Offset.offset(1e-12));
    }

    @Test
    void nothingFlaggedAndNothingDamagedScoreZeroInsteadOfNaN() {
        DetectionCounts none = DetectionCounts.of(Mask.empty(3, 3), Mask.empty(3, 3), Mask.empty(3, 3));

        assertThat(none.precision()).isZero();
        assertThat(none.recall()).isZero();
        assertThat(none.f1()).isZero();
    }
}
