package dev.imagerestore.models.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.restore.SyntheticImages;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.testing.TinyDepthEstimator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalDepthCommandTest {

    private static final Pattern AS_PREDICTED = Pattern.compile("as predicted\\s+AbsRel (\\d+\\.\\d+)");

    @TempDir
    static Path folder;

    private static Path nyu;
    private static Path estimator;
    private static Path withViews;

    /** Two test pairs (1300, 1301) and one training pair (0): 2 m inside Eigen's crop, 8 m outside it. */
    @BeforeAll
    static void nyuFolderAndEstimator() throws Exception {
        TorchThreads.configure(1);
        nyu = folder.resolve("NYUv2");
        Files.createDirectories(nyu.resolve("nyu_images"));
        Files.createDirectories(nyu.resolve("nyu_depths"));
        for (int index : new int[] {0, 1300, 1301}) {
            ImageFiles.write(SyntheticImages.textured(3, 480, 640, index), nyu.resolve("nyu_images/" + index + ".png"));
            Files.move(nyu.resolve("nyu_images/" + index + ".png"), nyu.resolve("nyu_images/" + index + ".jpg"));
            ImageFiles.write(depth(480, 640), nyu.resolve("nyu_depths/" + index + ".png"));
        }
        estimator = TinyDepthEstimator.write(folder.resolve("estimator"), 16);
        withViews = TinyDepthEstimator.write(folder.resolve("with-views"), 16, new ModelCard.TestTimeViews(1.25));
    }

    @Test
    void scoresTheTestSplitOnTheChosenRegion() {
        CliRun border = eval("--region", "border-cropped");
        CliRun eigen = eval("--region", "eigen");

        assertThat(border.code()).as(border.err()).isZero();
        assertThat(eigen.code()).as(eigen.err()).isZero();
        assertThat(border.out()).contains("on 2 NYUv2 test images (i >= 1300, 8-pixel border cropped,");
        assertThat(eigen.out())
                .contains("on 2 NYUv2 test images (i >= 1300, Eigen crop, rows 45-470 and columns "
                        + "41-600 of the 640x480 frame,");
        assertThat(border.out()).contains("median-scaled").contains("s/image");
        // the ground truth outside the crop is 8 m, inside it 2 m: the same prediction scores differently
        assertThat(absRel(eigen)).isNotEqualTo(absRel(border));
        assertThat(withoutTiming(eval())).as("border-cropped is the default").isEqualTo(withoutTiming(border));
    }

    @Test
    void wholeFrameOnlyIgnoresTheCardsTestTimeViews() {
        CliRun viewed = eval(withViews);
        CliRun whole = eval(withViews, "--whole-frame-only");
        CliRun plain = eval();

        assertThat(viewed.code()).as(viewed.err()).isZero();
        assertThat(whole.code()).as(whole.err()).isZero();
        assertThat(viewed.out()).contains("; flip and 5 windows at zoom 1.25) on 2 NYUv2 test images");
        assertThat(whole.out()).contains("; flip) on 2 NYUv2 test images");
        assertThat(absRel(viewed)).isNotEqualTo(absRel(whole));
        // the same weights as the estimator without views: with the views ignored they score the same
        assertThat(absRel(whole)).isEqualTo(absRel(plain));
    }

    @Test
    void refusesAnUnknownRegion() {
        CliRun run = eval("--region", "centre");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--region must be border-cropped or eigen, got 'centre'");
    }

    private static CliRun eval(String... extra) {
        return eval(estimator, extra);
    }

    private static CliRun eval(Path depthEstimator, String... extra) {
        String[] args = {
            "eval", "depth", "--data", nyu.toString(), "--depth-estimator", depthEstimator.toString(), "--threads", "1"
        };
        String[] all = new String[args.length + extra.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return CliRun.of(all);
    }

    private static String withoutTiming(CliRun run) {
        return run.out().replaceAll("\\d+\\.\\d+ s/image", "");
    }

    private static double absRel(CliRun run) {
        Matcher matcher = AS_PREDICTED.matcher(run.out());
        assertThat(matcher.find()).as(run.out()).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    private static FloatImage depth(int height, int width) {
        float[] plane = new float[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean inside = y >= 45 && y < 471 && x >= 41 && x < 601;
                plane[y * width + x] = inside ? 0.2f : 0.8f;
            }
        }
        return FloatImage.wrap(1, height, width, 8, plane);
    }
}
