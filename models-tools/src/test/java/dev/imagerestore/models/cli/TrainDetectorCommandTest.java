package dev.imagerestore.models.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.io.ModelDirectory;
import dev.imagerestore.models.restore.RestorationNetwork;
import dev.imagerestore.models.restore.SyntheticImages;
import dev.imagerestore.models.restore.TestNetworks;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.unet.UNetConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train-detector} for 3 steps of a tiny network, stopped and resumed with {@code --until}, and
 * {@code eval damage} of what it wrote on a folder of generated images, alone and with the whole
 * repair of a tiny restorer.
 */
class TrainDetectorCommandTest {

    private static final Pattern ROW = Pattern.compile(
            "(learned .*?\\)|hand-made DamageDetector)\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)"
                    + "\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)");

    @TempDir
    static Path folder;

    private static Path images;
    private static Path clean;

    @BeforeAll
    static void data() throws Exception {
        TorchThreads.configure(1);
        images = SyntheticImages.trainingFolder(folder.resolve("images"), 4, 1);
        clean = Files.createDirectories(folder.resolve("clean"));
        for (int i = 0; i < 2; i++) {
            ImageFiles.write(SyntheticImages.textured(3, 40, 56, 10 + i), clean.resolve("test" + i + ".png"));
        }
    }

    private static String[] train(String name) {
        return new String[] {
            "train-detector",
            "--data",
            images.toString(),
            "--work",
            folder.resolve(name + "-work").toString(),
            "--output",
            folder.resolve(name).toString(),
            "--steps",
            "3",
            "--crop",
            "16",
            "--batch",
            "2",
            "--widths",
            "16,16,32",
            "--res-blocks",
            "1",
            "--warmup",
            "1",
            "--lr",
            "1e-3",
            "--seed",
            "3",
            "--threads",
            "1"
        };
    }

    @Test
    void aRunStoppedWithUntilAndResumedEndsWithTheWeightsOfAnUninterruptedOne() throws Exception {
        CliRun whole = CliRun.of(train("whole"));
        assertThat(whole.code()).as(whole.err()).isZero();

        CliRun first = CliRun.of(train("parts"), "--until", "2");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(ModelDirectory.readCard(folder.resolve("parts")).training().steps())
                .isEqualTo(2);
        CliRun rest = CliRun.of(train("parts"));
        assertThat(rest.code()).as(rest.err()).isZero();

        ModelCard card = ModelDirectory.readCard(folder.resolve("parts"));
        assertThat(card.training().steps()).isEqualTo(3);
        assertThat(card.detection().threshold()).isEqualTo(0.5);
        assertThat(card.training().command()).contains("train-detector").doesNotContain("--until");
        assertThat(Files.readAllBytes(folder.resolve("parts").resolve(ModelDirectory.WEIGHTS_FILE)))
                .isEqualTo(Files.readAllBytes(folder.resolve("whole").resolve(ModelDirectory.WEIGHTS_FILE)));
    }

    @Test
    void evalDamageWithARestorerScoresTheWholeRepairBesideItsReferencesAndTimesIt() throws Exception {
        CliRun trained = CliRun.of(train("repairing"));
        assertThat(trained.code()).as(trained.err()).isZero();
        UNetConfig tiny = RestorationNetwork.architecture(List.of(8, 16, 32), 1, false, 4);
        Path restorer = folder.resolve("restorer");
        TestNetworks.save(restorer, TestNetworks.restorerCard(tiny), 7);
        Path denoiser = folder.resolve("denoiser");
        TestNetworks.save(denoiser, TestNetworks.card(TestNetworks.TINY), 7);

        CliRun run = evalDamage("repairing", "--restorer", restorer.toString(), "--denoiser", denoiser.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("whole repair with restorer tiny-restorer");
        for (String method : List.of(
                "damaged input",
                "restorer, detected mask (--mask auto)",
                "restorer, no mask",
                "restorer, true mask",
                "white-noise denoiser (--task denoise)")) {
            Matcher row = Pattern.compile(Pattern.quote(method) + "\\s+(-?[0-9.]+)\\s+(-?[0-9.]+)\\s+(-?[0-9.]+)")
                    .matcher(run.out());
            assertThat(row.find()).as(method + " in\n" + run.out()).isTrue();
            assertThat(Double.parseDouble(row.group(1))).as(method + " PSNR").isBetween(0.0, 100.0);
            assertThat(Double.parseDouble(row.group(2))).as(method + " SSIM").isBetween(-1.0, 1.0);
        }
        for (String over : List.of("restorer alone", "white-noise denoiser with its blind level")) {
            Matcher ratio = Pattern.compile(Pattern.quote(over) + "[^:]*: ([0-9.]+)x \\(same run\\)")
                    .matcher(run.out());
            assertThat(ratio.find()).as(run.out()).isTrue();
            assertThat(Double.parseDouble(ratio.group(1))).isPositive();
        }
    }

    @Test
    void aThresholdSweepScoresEachThresholdFromTheSameProbabilities() throws Exception {
        CliRun trained = CliRun.of(train("swept"));
        assertThat(trained.code()).as(trained.err()).isZero();

        CliRun run = evalDamage("swept", "--sweep", "0.1,0.5,0.9");

        assertThat(run.code()).as(run.err()).isZero();
        double[] recall = new double[3];
        double[] flagged = new double[3];
        String[] thresholds = {"0.10", "0.50", "0.90"};
        for (int k = 0; k < 3; k++) {
            Matcher row = Pattern.compile("learned, threshold " + thresholds[k]
                            + "\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)")
                    .matcher(run.out());
            assertThat(row.find()).as(run.out()).isTrue();
            recall[k] = Double.parseDouble(row.group(2));
            flagged[k] = Double.parseDouble(row.group(5));
        }
        assertThat(recall[0]).as("recall falls as the threshold rises").isGreaterThanOrEqualTo(recall[1]);
        assertThat(recall[1]).isGreaterThanOrEqualTo(recall[2]);
        assertThat(flagged[0]).as("so do flags on clean images").isGreaterThanOrEqualTo(flagged[2]);
    }

    @Test
    void peersWithoutARestorerAreAUsageError() {
        CliRun run = CliRun.of("eval", "damage", "--clean", clean.toString(), "--model", folder.toString(), "--peers");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--peers scores the whole repair, which needs --restorer MODEL_DIR");
        CliRun denoiser = CliRun.of(
                "eval", "damage", "--clean", clean.toString(), "--model", folder.toString(), "--denoiser", "d");
        assertThat(denoiser.code()).isEqualTo(2);
        assertThat(denoiser.err()).contains("--denoiser is timed against the whole repair, which needs --restorer");
    }

    @Test
    void evalDamageScoresTheTrainedDetectorAndTheHandMadeOne() throws Exception {
        CliRun trained = CliRun.of(train("scored"));
        assertThat(trained.code()).as(trained.err()).isZero();

        CliRun run = evalDamage("scored");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("damage detection on 2 images").contains("'realistic' scan effects");
        Matcher m = ROW.matcher(run.out());
        int rows = 0;
        while (m.find()) {
            rows++;
            for (int g = 2; g <= 8; g++) {
                assertThat(Double.parseDouble(m.group(g)))
                        .as(m.group(1) + " column " + (g - 1))
                        .isBetween(0.0, 1.0);
            }
            assertThat(Double.parseDouble(m.group(8)))
                    .as("the largest clean fraction is at least the mean")
                    .isGreaterThanOrEqualTo(Double.parseDouble(m.group(7)));
            assertThat(Double.parseDouble(m.group(5)))
                    .as("a tolerance only forgives: the tolerant F1 is at least the strict one")
                    .isGreaterThanOrEqualTo(Double.parseDouble(m.group(4)));
        }
        assertThat(rows).as(run.out()).isEqualTo(2);
        assertThat(run.out()).contains("recall of the learned detector by the damage's contrast");
    }

    @Test
    void evalDamageRendersOnlyTheKindsNamedAndRefusesAnUnknownOne() throws Exception {
        CliRun trained = CliRun.of(train("kinds"));
        assertThat(trained.code()).as(trained.err()).isZero();

        CliRun dust = evalDamage("kinds", "--kinds", "dust");
        CliRun unknown = evalDamage("kinds", "--kinds", "cracks,mould");

        assertThat(dust.code()).as(dust.err()).isZero();
        assertThat(dust.out()).contains("damage detection on 2 images");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err())
                .contains("--kinds: unknown kind 'mould'; use cracks, crease, scratch, tear, missing-corner, dust, "
                        + "lint-and-hair or stain");
    }

    /** {@code eval damage} of the detector trained as {@code model} on two images in 32 px tiles, with {@code more}. */
    private CliRun evalDamage(String model, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "eval",
                "damage",
                "--clean",
                clean.toString(),
                "--model",
                folder.resolve(model).toString(),
                "--limit",
                "2",
                "--tile",
                "32",
                "--overlap",
                "8",
                "--threads",
                "1"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }
}
