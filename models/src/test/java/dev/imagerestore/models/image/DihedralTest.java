package dev.imagerestore.models.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DihedralTest {

    /** 3x3 plane 0 1 2 / 3 4 5 / 6 7 8 and a second channel offset by 10. */
    private static final float[] TILE = {0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18};

    @Test
    void transformsMatchHandWrittenGoldens() {
        assertThat(Dihedral.apply(TILE, 2, 3, 0)).containsExactly(TILE);
        assertThat(Dihedral.apply(TILE, 2, 3, 1))
                .startsWith(0, 3, 6, 1, 4, 7, 2, 5, 8)
                .endsWith(10, 13, 16, 11, 14, 17, 12, 15, 18);
        assertThat(Dihedral.apply(TILE, 2, 3, 2)).startsWith(2, 1, 0, 5, 4, 3, 8, 7, 6);
        assertThat(Dihedral.apply(TILE, 2, 3, 4)).startsWith(6, 7, 8, 3, 4, 5, 0, 1, 2);
        assertThat(Dihedral.apply(TILE, 2, 3, 6)).startsWith(8, 7, 6, 5, 4, 3, 2, 1, 0);
        assertThat(Dihedral.apply(TILE, 2, 3, 3))
                .as("mirror, then transpose: a clockwise quarter turn")
                .startsWith(6, 3, 0, 7, 4, 1, 8, 5, 2);
    }

    @Test
    void theEightTransformsAreDistinctAndEachInverseRestoresTheInput() {
        Set<List<Float>> seen = new HashSet<>();
        for (int d = 0; d < 8; d++) {
            float[] view = Dihedral.apply(TILE, 2, 3, d);
            seen.add(asList(view));
            assertThat(Dihedral.invert(view, 2, 3, d)).as("d=%d", d).containsExactly(TILE);
        }
        assertThat(seen).hasSize(8);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> Dihedral.apply(TILE, 2, 3, 8)).hasMessageContaining("in [0, 7], got 8");
        assertThatThrownBy(() -> Dihedral.apply(TILE, 3, 3, 1))
                .hasMessageContaining("expected 3x3x3 = 27 samples, got 18");
        assertThat(Dihedral.isValidCount(4)).isTrue();
        assertThat(Dihedral.isValidCount(3)).isFalse();
    }

    private static List<Float> asList(float[] values) {
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return List.of(boxed);
    }
}
