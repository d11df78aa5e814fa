package dev.imagerestore.models.cli;

import dev.imagerestore.models.cli.RestorationSamples.Sample;
import dev.imagerestore.models.eval.NoiseStatistics;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code eval noise}: the statistics of the noise ({@link NoiseStatistics}) of real noisy/clean pairs,
 * or of a degradation pipeline on clean images, to hold a synthetic model of noise against real noise.
 */
@Command(
        name = "noise",
        mixinStandardHelpOptions = true,
        description = "Measure the noise of real noisy/clean pairs or of a degradation pipeline: level per channel, "
                + "spatial and cross-channel correlation, level by tone.")
final class EvalNoiseCommand implements Callable<Integer> {

    private static final String[] CHANNELS = {"R", "G", "B"};

    @Spec
    CommandSpec spec;

    @Mixin
    RestorationSamples selection;

    @Override
    public Integer call() throws Exception {
        if (selection.images != null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--images has no clean references, so its noise cannot be taken; give --pairs NOISY_DIR "
                            + "CLEAN_DIR or --clean DIR with --degradation");
        }
        List<Sample> samples = selection.load(spec);
        NoiseStatistics statistics = new NoiseStatistics();
        int grey = 0;
        int untouched = 0;
        int colour = samples.stream().anyMatch(s -> s.clean().channels() == 3) ? 3 : 1;
        for (Sample s : samples) {
            if (s.untouched()) {
                untouched++;
            } else if (s.clean().channels() != colour) {
                grey++;
            } else {
                statistics.add(s.input(), s.clean());
            }
        }
        NoiseStatistics.Summary summary = statistics.summary();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "eval noise: %d images, %s%n", summary.images(), selection.describe());
        if (untouched > 0) {
            out.printf(Locale.ROOT, "%d more left clean by the pipeline, not counted%n", untouched);
        }
        if (grey > 0) {
            out.printf(Locale.ROOT, "%d grey images among colour ones, not counted%n", grey);
        }
        if (summary.images() == 0) {
            out.println("no noisy image to measure");
            return 1;
        }
        StringBuilder level = new StringBuilder();
        if (summary.channels() == 3) {
            for (int c = 0; c < 3; c++) {
                level.append(String.format(Locale.ROOT, "  %s %.2f", CHANNELS[c], summary.std()[c]));
            }
        }
        out.printf(Locale.ROOT, "noise std (8-bit levels):%s  luma %.2f%n", level, summary.lumaStd());
        out.println("correlation with the neighbour at lag 1..4 (horizontal and vertical):");
        for (int c = 0; c < summary.correlation().length; c++) {
            boolean luma = c == summary.correlation().length - 1;
            if (luma || summary.channels() == 3) {
                out.printf(Locale.ROOT, "  %-5s", luma ? "luma" : CHANNELS[c]);
                for (double r : summary.correlation()[c]) {
                    out.printf(Locale.ROOT, " %6.3f", r);
                }
                out.println();
            }
        }
        if (summary.channels() == 3) {
            double[] b = summary.betweenChannels();
            out.printf(Locale.ROOT, "correlation between channels: R-G %.3f  G-B %.3f  R-B %.3f%n", b[0], b[1], b[2]);
        }
        out.println("luma noise std by the clean image's luma:");
        int width = 256 / NoiseStatistics.TONE_BINS;
        for (int bin = 0; bin < NoiseStatistics.TONE_BINS; bin++) {
            out.printf(
                    Locale.ROOT,
                    "  %3d-%3d  %6.2f  (%4.1f %% of pixels)%n",
                    bin * width,
                    bin * width + width - 1,
                    summary.toneStd()[bin],
                    100 * summary.toneShare()[bin]);
        }
        out.println("luma noise std by the clean image's local contrast (largest step to a neighbour, levels):");
        double[] edges = NoiseStatistics.CONTRAST_EDGES;
        for (int bin = 0; bin < edges.length; bin++) {
            String range = bin + 1 < edges.length
                    ? String.format(Locale.ROOT, "%3.0f-%-3.0f", edges[bin], edges[bin + 1])
                    : String.format(Locale.ROOT, "%3.0f+   ", edges[bin]);
            out.printf(
                    Locale.ROOT,
                    "  %s  %6.2f  (%4.1f %% of pixels)%n",
                    range,
                    summary.contrastStd()[bin],
                    100 * summary.contrastShare()[bin]);
        }
        out.printf(
                Locale.ROOT,
                "explained by the picture moving or changing sharpness (not noise): %.1f %% of the luma difference's "
                        + "energy; median shift %.2f px%n",
                100 * summary.motionShare(),
                summary.medianShift());
        out.flush();
        return 0;
    }
}
