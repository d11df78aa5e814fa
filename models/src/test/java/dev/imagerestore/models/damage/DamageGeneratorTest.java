package dev.imagerestore.models.damage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.inpaint.Mask;
import dev.imagerestore.models.restore.SyntheticImages;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DamageGeneratorTest {

    private static final DamageGenerator ALL =
            DamageGenerator.builder().setSeed(42).build();

    @Test
    void sameSeedAndIdGiveTheSameDamageWhateverTheOrderOrThread() {
        FloatImage clean = SyntheticImages.textured(3, 96, 96, 1);
        List<Damaged> forward =
                IntStream.range(0, 8).mapToObj(id -> ALL.render(clean, id)).toList();
        List<Damaged> backward = IntStream.range(0, 8)
                .map(i -> 7 - i)
                .parallel()
                .boxed()
                .map(id -> DamageGenerator.builder().setSeed(42).build().render(clean, id))
                .toList();

        for (int id = 0; id < 8; id++) {
            assertThat(backward.get(7 - id)).isEqualTo(forward.get(id));
        }
        assertThat(forward.get(0).image()).isNotEqualTo(forward.get(1).image());
        assertThat(forward.get(0).mask()).isNotEqualTo(forward.get(1).mask());
        Damaged otherSeed = DamageGenerator.builder().setSeed(43).build().render(clean, 0);
        assertThat(otherSeed.mask()).isNotEqualTo(forward.get(0).mask());
    }

    @Test
    void coverageFallsWithinTheRequestedRange() {
        int[][] sizes = {{96, 96}, {64, 128}, {48, 48}, {160, 120}, {321, 481}};
        DamageGenerator narrow = DamageGenerator.builder()
                .setSeed(7)
                .optCoverage(0.02, 0.03)
                .optStainCoverage(0.01, 0.02)
                .build();
        for (int i = 0; i < 50; i++) {
            int[] size = sizes[i % sizes.length];
            FloatImage clean = SyntheticImages.textured(i % 2 == 0 ? 3 : 1, size[0], size[1], i);
            Damaged wide = ALL.render(clean, i);
            Damaged tight = narrow.render(clean, i);

            assertThat(wide.coverage())
                    .as("image %s, %sx%s", i, size[0], size[1])
                    .isBetween(0.005, 0.08);
            assertThat(tight.coverage())
                    .as("image %s, %sx%s", i, size[0], size[1])
                    .isBetween(0.02, 0.03);
            assertThat(tight.pixels(DamageKind.STAIN) / (double) clean.pixels()).isBetween(0.01, 0.02);
            int sum = Arrays.stream(DamageKind.values())
                    .filter(DamageKind::masksContent)
                    .mapToInt(tight::pixels)
                    .sum();
            assertThat(sum).isEqualTo(tight.mask().count());
        }
    }

    @Test
    void eachMaskingKindAloneMeetsTheCoverageRange() {
        FloatImage[] cleans = {SyntheticImages.textured(3, 96, 96, 1), SyntheticImages.textured(3, 160, 240, 2)};
        for (DamageKind kind : DamageKind.values()) {
            if (kind.masksContent()) {
                DamageGenerator alone =
                        DamageGenerator.builder().setSeed(8).optKinds(kind).build();
                for (int id = 0; id < 6; id++) {
                    assertThat(alone.render(cleans[id % 2], id).coverage())
                            .as("%s, image %s", kind, id)
                            .isBetween(0.005, 0.08);
                }
            }
        }
    }

    @Test
    void eachKindAloneDrawsItsOwnDamage() {
        FloatImage clean = SyntheticImages.smooth(3, 128, 128);
        for (DamageKind kind : DamageKind.values()) {
            Damaged d = DamageGenerator.builder()
                    .setSeed(5)
                    .optKinds(kind)
                    .optCoverage(kind.masksContent() ? 0.01 : 0, kind.masksContent() ? 0.05 : 0)
                    .optStainCoverage(0.01, 0.04)
                    .build()
                    .render(clean, 3);

            assertThat(d.image()).as("%s", kind).isNotEqualTo(clean);
            assertThat(d.pixelCounts()).as("%s", kind).containsOnlyKeys(kind);
            if (kind.masksContent()) {
                assertThat(d.mask().count()).as("%s", kind).isPositive().isEqualTo(d.pixels(kind));
            } else {
                assertThat(d.mask().isEmpty()).as("%s", kind).isTrue();
                assertThat(d.stainMask().count()).as("%s", kind).isPositive().isEqualTo(d.pixels(kind));
            }
        }
    }

    @Test
    void stainsDarkenToneButKeepTheDetailAndNeverEnterTheDamageMask() {
        FloatImage clean = SyntheticImages.textured(3, 128, 128, 2);
        DamageGenerator stains = DamageGenerator.builder()
                .setSeed(9)
                .optKinds(DamageKind.STAIN)
                .optCoverage(0, 0)
                .optStainCoverage(0.05, 0.1)
                .build();
        for (int id = 0; id < 5; id++) {
            Damaged d = stains.render(clean, id);

            assertThat(d.mask().isEmpty()).isTrue();
            double blueLoss = 0;
            for (int y = 0; y < 128; y++) {
                for (int x = 0; x < 128; x++) {
                    for (int c = 0; c < 3; c++) {
                        float before = clean.get(c, y, x);
                        float after = d.image().get(c, y, x);
                        if (d.stainMask().get(y, x)) {
                            assertThat(after)
                                    .as("gains of 0.5..1, stacked where stains overlap, keep the detail")
                                    .isBetween(0.2f * before - 1e-6f, before + 1e-6f);
                            blueLoss += c == 2 ? before - after : 0;
                        } else {
                            assertThat(after).isEqualTo(before);
                        }
                    }
                }
            }
            assertThat(blueLoss / d.stainMask().count())
                    .as("brownish: blue loses most")
                    .isGreaterThan(0.02);
        }
    }

    @Test
    void pixelsOutsideTheMasksAndTheirTwoPixelBandAreUnchanged() {
        FloatImage clean = SyntheticImages.textured(3, 120, 160, 4);
        for (int id = 0; id < 10; id++) {
            Damaged d = ALL.render(clean, id);
            Mask touched = d.mask().dilated(2).union(d.stainMask());
            for (int y = 0; y < 120; y++) {
                for (int x = 0; x < 160; x++) {
                    if (!touched.get(y, x)) {
                        for (int c = 0; c < 3; c++) {
                            assertThat(d.image().get(c, y, x)).isEqualTo(clean.get(c, y, x));
                        }
                    }
                }
            }
        }
    }

    @Test
    void lostContentIsLightOrDarkAndVisibleOnMidGrey() {
        FloatImage grey = FloatImage.wrap(3, 96, 96, 8, filled(3 * 96 * 96, 0.5f));
        int lighter = 0;
        int darker = 0;
        int total = 0;
        double contrast = 0;
        for (int id = 0; id < 30; id++) {
            Damaged d = ALL.render(grey, id);
            for (int y = 0; y < 96; y++) {
                for (int x = 0; x < 96; x++) {
                    if (d.mask().get(y, x)) {
                        float v = (d.image().get(0, y, x)
                                        + d.image().get(1, y, x)
                                        + d.image().get(2, y, x))
                                / 3;
                        contrast += Math.abs(v - 0.5f);
                        lighter += v > 0.5f ? 1 : 0;
                        darker += v < 0.5f ? 1 : 0;
                        total++;
                    }
                }
            }
        }
        assertThat(contrast / total)
                .as("lost pixels show a fill, not the picture")
                .isGreaterThan(0.2);
        assertThat(lighter).isGreaterThan(total / 5);
        assertThat(darker).isGreaterThan(total / 5);
    }

    @Test
    void edgesAreSoftAndTheMaskHoldsTheStrongerHalf() {
        FloatImage grey = FloatImage.wrap(1, 96, 96, 8, filled(96 * 96, 0.5f));
        double inside = 0;
        double fringe = 0;
        int lost = 0;
        int softened = 0;
        for (int id = 0; id < 20; id++) {
            Damaged d = ALL.render(grey, id);
            for (int y = 0; y < 96; y++) {
                for (int x = 0; x < 96; x++) {
                    double change = Math.abs(d.image().get(0, y, x) - 0.5);
                    if (d.mask().get(y, x)) {
                        inside += change;
                        lost++;
                    } else if (change > 0 && !d.stainMask().get(y, x)) {
                        fringe += change;
                        softened++;
                    }
                }
            }
        }
        assertThat(softened).as("anti-aliased pixels beside the mask").isGreaterThan(lost / 10);
        assertThat(fringe / softened).isLessThan(0.6 * inside / lost);
    }

    @Test
    void greyAndColourVersionsOfAnImageGetTheSameMasks() {
        FloatImage colour = SyntheticImages.textured(3, 80, 100, 6);
        FloatImage grey = colour.toOneChannel();

        Damaged a = ALL.render(colour, 11);
        Damaged b = ALL.render(grey, 11);

        assertThat(b.image().channels()).isEqualTo(1);
        assertThat(b.mask()).isEqualTo(a.mask());
        assertThat(b.stainMask()).isEqualTo(a.stainMask());
        assertThat(b.image().bitDepth()).isEqualTo(colour.bitDepth());
    }

    /** Values of this implementation (not derived independently): a change to any drawing shows here. */
    @Test
    void goldenRenderOfASyntheticImage() {
        Damaged d = ALL.render(SyntheticImages.textured(3, 64, 64, 7), 1);

        double sum = 0;
        for (float v : d.image().toArray()) {
            sum += v;
        }
        assertThat(d.mask().count()).isEqualTo(297);
        assertThat(d.stainMask().count()).isEqualTo(68);
        assertThat(sum).isCloseTo(5206.8332, within(1e-3));
    }

    @Test
    void builderRefusesSettingsItCannotHonour() {
        assertThatThrownBy(() -> DamageGenerator.builder().build()).hasMessageContaining("setSeed(long)");
        assertThatThrownBy(() -> DamageGenerator.builder().setSeed(1).optKinds().build())
                .hasMessageContaining("optKinds");
        assertThatThrownBy(() -> DamageGenerator.builder()
                        .setSeed(1)
                        .optCoverage(0.08, 0.005)
                        .build())
                .hasMessageContaining("[0.08, 0.005]")
                .hasMessageContaining("optCoverage(0.005, 0.08)");
        assertThatThrownBy(() -> DamageGenerator.builder()
                        .setSeed(1)
                        .optCoverage(0.1, 0.9)
                        .build())
                .hasMessageContaining("0.9")
                .hasMessageContaining("<= 0.5");
        assertThatThrownBy(() -> DamageGenerator.builder()
                        .setSeed(1)
                        .optStainCoverage(-0.1, 0.1)
                        .build())
                .hasMessageContaining("stain coverage range [-0.1, 0.1]")
                .hasMessageContaining("optStainCoverage(");
        assertThatThrownBy(() -> DamageGenerator.builder()
                        .setSeed(1)
                        .optKinds(DamageKind.STAIN)
                        .build())
                .hasMessageContaining("min 0.005")
                .hasMessageContaining("optCoverage(0, 0)");
        assertThatThrownBy(() -> ALL.render(SyntheticImages.random(2, 16, 16, 8, 1), 0))
                .hasMessageContaining("got 2 channels")
                .hasMessageContaining("toThreeChannels()");
        assertThatThrownBy(() -> ALL.render(SyntheticImages.random(3, 4, 16, 8, 1), 0))
                .hasMessageContaining("4x16")
                .hasMessageContaining("at least 8x8");
    }

    @Test
    void rendersTrainingCropsAndFullImagesQuickly() {
        FloatImage crop = SyntheticImages.textured(3, 96, 96, 1);
        FloatImage full = SyntheticImages.textured(3, 321, 481, 1);
        for (int i = 0; i < 500; i++) {
            ALL.render(crop, i);
        }
        double coverage = 0;
        long[] start = now();
        for (int i = 0; i < 200; i++) {
            coverage += ALL.render(crop, 1000 + i).coverage();
        }
        double[] cropMs = since(start, 200);
        start = now();
        for (int i = 0; i < 20; i++) {
            coverage += ALL.render(full, 2000 + i).coverage();
        }
        double[] fullMs = since(start, 20);
        System.out.printf(
                "damage: 96x96 crop %.2f ms CPU (%.2f ms wall), 481x321 image %.1f ms CPU (%.1f ms wall)"
                        + " per render%n",
                cropMs[0], cropMs[1], fullMs[0], fullMs[1]);
        assertThat(coverage / 220).isBetween(0.005, 0.08);
    }

    /** {thread CPU time, wall time} in ns: the machine may be shared, and CPU time is what a render costs. */
    private static long[] now() {
        return new long[] {ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(), System.nanoTime()};
    }

    private static double[] since(long[] start, int renders) {
        long[] end = now();
        return new double[] {(end[0] - start[0]) / 1e6 / renders, (end[1] - start[1]) / 1e6 / renders};
    }

    private static float[] filled(int n, float value) {
        float[] out = new float[n];
        Arrays.fill(out, value);
        return out;
    }
}
