package dev.imagerestore.models.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.imagerestore.models.runtime.TorchThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NoiseSourceTest {

    private NDManager manager;

    @BeforeAll
    static void singleThreaded() {
        TorchThreads.configure(1);
    }

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private float[] noise(NoiseSource source, int step, Shape shape, long[] ids, int[] ys, int[] xs) {
        return source.normal(manager, step, shape, ids, ys, xs).toFloatArray();
    }

    @Test
    void valuesMatchAnIndependentImplementationOfTheHash() {
        // python3: h = mix(seed); h = mix(h ^ (v * GAMMA + GAMMA)) for v in (step, item, c, y, x) (mod 2^64),
        // mix = SplitMix64's finaliser; u1 = ((mix(h + GAMMA) >> 11) + 1) 2^-53, u2 = (mix(h + 2 GAMMA) >> 11) 2^-53,
        // z = sqrt(-2 ln u1) cos(2 pi u2)
        float[] a =
                noise(NoiseSources.counterBased(42), 0, new Shape(1, 1, 1, 1), new long[] {0}, new int[1], new int[1]);
        assertThat(a[0]).isCloseTo((float) 0.32458179442669943, within(1e-7f));
        float[] b = noise(
                NoiseSources.counterBased(42), 3, new Shape(1, 3, 1, 1), new long[] {7}, new int[] {100}, new int[] {-5
                });
        assertThat(b[2]).isCloseTo((float) 0.6931279111658097, within(1e-7f));
        float[] c = noise(
                NoiseSources.counterBased(-1),
                12,
                new Shape(1, 2, 7, 7),
                new long[] {123456789},
                new int[1],
                new int[1]);
        assertThat(c[49 + 5 * 7 + 6]).isCloseTo((float) 0.5823205364326787, within(1e-7f));
        float[] d =
                noise(NoiseSources.counterBased(7), 0, new Shape(1, 1, 1, 2), new long[] {0}, new int[1], new int[1]);
        assertThat(d[1]).isCloseTo((float) 0.44158786805690814, within(1e-7f));
    }

    @Test
    void samePixelOfTheSameImageGetsTheSameValueInAnyTileOrBatch() {
        NoiseSource source = NoiseSources.counterBased(11);
        // batch A: images 7 and 9, tiles of 4x5 at (10, 0) and (20, 5)
        float[] a = noise(source, 4, new Shape(2, 3, 4, 5), new long[] {7, 9}, new int[] {10, 20}, new int[] {0, 5});
        // batch B: image 9 alone, an 8x8 tile at (16, 3), then image 7 at (8, -2): reordered and shifted
        float[] b = noise(source, 4, new Shape(2, 3, 8, 8), new long[] {9, 7}, new int[] {16, 8}, new int[] {3, -2});
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 5; x++) {
                    // image 9 pixel (20 + y, 5 + x) is B item 0 at (4 + y, 2 + x)
                    assertThat(a[((3 + c) * 4 + y) * 5 + x]).isEqualTo(b[(c * 8 + 4 + y) * 8 + 2 + x]);
                    // image 7 pixel (10 + y, x) is B item 1 at (2 + y, 2 + x)
                    assertThat(a[(c * 4 + y) * 5 + x]).isEqualTo(b[((3 + c) * 8 + 2 + y) * 8 + 2 + x]);
                }
            }
        }
    }

    @Test
    void placedSourceAddsTheTilePositions() {
        NoiseSource source = NoiseSources.counterBased(5);
        NoiseSource placed = NoiseSources.placed(source, new long[] {31, 17}, new int[] {64, 0}, new int[] {128, 32});
        Shape shape = new Shape(2, 1, 3, 3);
        float[] viaPlacement = noise(placed, 2, shape, new long[] {0, 1}, new int[2], new int[2]);
        float[] direct = noise(source, 2, shape, new long[] {31, 17}, new int[] {64, 0}, new int[] {128, 32});
        assertThat(viaPlacement).containsExactly(direct);
        assertThatThrownBy(() -> noise(placed, 2, new Shape(1, 1, 1, 1), new long[] {2}, new int[1], new int[1]))
                .hasMessageContaining("local item 2");
    }

    @Test
    void stepsSeedsItemsAndChannelsDrawDifferentNoise() {
        Shape shape = new Shape(1, 2, 4, 4);
        long[] id = {0};
        int[] o = {0};
        float[] base = noise(NoiseSources.counterBased(1), 0, shape, id, o, o);
        assertThat(noise(NoiseSources.counterBased(1), 0, shape, id, o, o)).containsExactly(base);
        assertThat(noise(NoiseSources.counterBased(2), 0, shape, id, o, o)).isNotEqualTo(base);
        assertThat(noise(NoiseSources.counterBased(1), 1, shape, id, o, o)).isNotEqualTo(base);
        assertThat(noise(NoiseSources.counterBased(1), 0, shape, new long[] {1}, o, o))
                .isNotEqualTo(base);
        for (int i = 0; i < 16; i++) {
            assertThat(base[i]).isNotEqualTo(base[16 + i]);
        }
    }

    @Test
    void valuesAreStandardNormalAndUncorrelated() {
        float[] z = noise(
                NoiseSources.counterBased(2024),
                0,
                new Shape(4, 1, 128, 128),
                new long[] {0, 1, 2, 3},
                new int[4],
                new int[4]);
        double sum = 0;
        double squares = 0;
        double neighbours = 0;
        int beyondThreeSigma = 0;
        for (int i = 0; i < z.length; i++) {
            sum += z[i];
            squares += z[i] * z[i];
            if (i + 1 < z.length) {
                neighbours += z[i] * z[i + 1];
            }
            if (Math.abs(z[i]) > 3) {
                beyondThreeSigma++;
            }
        }
        int n = z.length;
        // 65536 draws: standard errors 0.004 (mean), 0.0055 (variance), 0.004 (lag-1 correlation)
        assertThat(sum / n).isCloseTo(0, within(0.02));
        assertThat(squares / n).isCloseTo(1, within(0.03));
        assertThat(neighbours / (n - 1)).isCloseTo(0, within(0.02));
        // P(|z| > 3) = 0.0027: 177 expected
        assertThat(beyondThreeSigma).isBetween(120, 240);
    }

    @Test
    void mismatchedBatchDescriptionsAreRejected() {
        NoiseSource source = NoiseSources.counterBased(1);
        assertThatThrownBy(() -> noise(source, 0, new Shape(2, 1, 2, 2), new long[] {0}, new int[2], new int[2]))
                .hasMessageContaining("batch of 2");
        assertThatThrownBy(() -> noise(source, 0, new Shape(2, 2), new long[] {0, 1}, new int[2], new int[2]))
                .hasMessageContaining("(B, C, H, W)");
        assertThatThrownBy(() -> NoiseSources.placed(source, new long[] {1}, new int[2], new int[1]))
                .hasMessageContaining("2 y origins");
    }
}
