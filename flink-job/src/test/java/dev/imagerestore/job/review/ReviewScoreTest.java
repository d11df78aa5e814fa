package dev.imagerestore.job.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ReviewScoreTest {

    private static final OptionalDouble NONE = OptionalDouble.empty();

    @Test
    void eachTermFollowsItsDocumentedFormula() {
        double rms = 5;
        double masked = 0.03;
        double confidence = 0.25;

        ReviewScore score = ReviewScore.of(rms, OptionalDouble.of(masked), OptionalDouble.of(confidence));

        double n = ReviewScore.EXPECTED_NOISE;
        assertThat(score.change()).isCloseTo(Math.sqrt(rms * rms - n * n) / ReviewScore.CHANGE_UNIT, within(1e-12));
        assertThat(score.damage()).isCloseTo(masked / ReviewScore.DAMAGE_UNIT, within(1e-12));
        assertThat(score.doubt()).isCloseTo(ReviewScore.DOUBT_WEIGHT * (1 - confidence), within(1e-12));
        assertThat(score.total()).isCloseTo(score.change() + score.damage() + score.doubt(), within(1e-12));
    }

    @Test
    void aChangeWithinTheExpectedNoiseOfACleanScanScoresNothing() {
        assertThat(ReviewScore.of(ReviewScore.EXPECTED_NOISE, NONE, NONE).total())
                .isZero();
        assertThat(ReviewScore.of(ReviewScore.EXPECTED_NOISE / 2, NONE, NONE).total())
                .isZero();
        assertThat(ReviewScore.of(ReviewScore.EXPECTED_NOISE * 1.01, NONE, NONE).total())
                .isPositive();
    }

    @Test
    void changesFarBeyondTheExpectedNoiseCountAlmostWhole() {
        assertThat(ReviewScore.of(40, NONE, NONE).change()).isCloseTo(40 / ReviewScore.CHANGE_UNIT, within(0.1));
    }

    @Test
    void absentMaskAndConfidenceAddNothing() {
        ReviewScore score = ReviewScore.of(0, NONE, NONE);
        assertThat(score.damage()).isZero();
        assertThat(score.doubt()).isZero();
    }

    @Test
    void moreChangeMoreDamageOrLessConfidenceNeverLowerTheScore() {
        double previous = -1;
        for (double rms = 0; rms <= 20; rms += 0.5) {
            double total = ReviewScore.of(rms, OptionalDouble.of(0.01), OptionalDouble.of(0.5))
                    .total();
            assertThat(total).isGreaterThanOrEqualTo(previous);
            previous = total;
        }
        assertThat(ReviewScore.of(5, OptionalDouble.of(0.2), NONE).total())
                .isGreaterThan(ReviewScore.of(5, OptionalDouble.of(0.1), NONE).total());
        assertThat(ReviewScore.of(5, NONE, OptionalDouble.of(0.1)).total())
                .isGreaterThan(ReviewScore.of(5, NONE, OptionalDouble.of(0.9)).total());
    }

    @Test
    void valuesOutOfRangeAreRefusedNamingThem() {
        assertThatThrownBy(() -> ReviewScore.of(-1, NONE, NONE))
                .hasMessageContaining("rmsChange")
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> ReviewScore.of(Double.NaN, NONE, NONE)).hasMessageContaining("rmsChange");
        assertThatThrownBy(() -> ReviewScore.of(1, OptionalDouble.of(1.5), NONE))
                .hasMessageContaining("maskedFraction must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> ReviewScore.of(1, NONE, OptionalDouble.of(-0.1)))
                .hasMessageContaining("confidence must be in [0, 1], got -0.1");
    }
}
