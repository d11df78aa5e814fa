package dev.imagerestore.models.cli;

import dev.imagerestore.models.depth.DepthConvention;
import dev.imagerestore.models.depth.DepthEstimator;
import dev.imagerestore.models.depth.DepthMap;
import dev.imagerestore.models.depth.NyuRegion;
import dev.imagerestore.models.depth.NyuV2;
import dev.imagerestore.models.eval.DepthMetrics;
import dev.imagerestore.models.runtime.TorchThreads;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eval depth}: scores a depth estimator on the NYUv2 evaluation split (i &gt;= 1300), border
 * cropped, against the ground truth in (0.1, 10] m at full resolution, over the whole frame or
 * Eigen et al.'s centre crop ({@code --region}).
 */
@Command(
        name = "depth",
        mixinStandardHelpOptions = true,
        description = "Score a monocular depth estimator on NYUv2 i >= 1300: AbsRel, RMSE (m), delta<1.25, "
                + "as predicted and with per-image median scaling.")
public final class EvalDepthCommand implements Callable<Integer> {

    static final double MIN_DEPTH = 0.1;
    static final double MAX_DEPTH = 10;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, description = "NYUv2 folder (nyu_images/, nyu_depths/).")
    Path data;

    @Mixin
    DepthOptions depth;

    @Option(
            names = "--region",
            defaultValue = "border-cropped",
            converter = RegionConverter.class,
            description = "Ground-truth pixels scored: border-cropped (all of the frame inside NYUv2's white border) "
                    + "or eigen (the centre crop of Eigen et al. 2014, where the Kinect measured depth). "
                    + "Default ${DEFAULT-VALUE}.")
    NyuRegion region;

    @Option(
            names = "--whole-frame-only",
            description = "Ignore the built-in estimator's test-time views (its card's testTimeViews): estimate from "
                    + "the whole frame and its mirror only, to measure what the views add.")
    boolean wholeFrameOnly;

    @Option(names = "--limit", defaultValue = "0", description = "Score only the first N test images (0 = all).")
    int limit;

    @Option(
            names = "--threads",
            defaultValue = "0",
            description = "PyTorch intra-op threads, 0 = all cores (default ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        if (limit < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be >= 0, got " + limit);
        }
        TorchThreads.configure(threads);
        PrintWriter out = spec.commandLine().getOut();
        List<Integer> indices = NyuV2.indices(data, true);
        if (limit > 0 && indices.size() > limit) {
            indices = indices.subList(0, limit);
        }
        List<DepthMetrics> raw = new ArrayList<>();
        List<DepthMetrics> median = new ArrayList<>();
        long start = System.nanoTime();
        try (DepthEstimator estimator = depth.openEstimator(!wholeFrameOnly)) {
            for (int index : indices) {
                NyuV2.Pair pair = NyuV2.read(data, index);
                DepthMap map = estimator.estimate(pair.rgb());
                float[] predicted = asDepth(map);
                float[] truth;
                try {
                    truth = region.mask(
                            pair.depthMetres(), pair.rgb().width(), pair.rgb().height());
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(
                            spec.commandLine(), "NYUv2 pair " + index + " in " + data + ": " + e.getMessage());
                }
                raw.add(DepthMetrics.of(predicted, truth, MIN_DEPTH, MAX_DEPTH, DepthMetrics.Alignment.NONE));
                median.add(DepthMetrics.of(predicted, truth, MIN_DEPTH, MAX_DEPTH, DepthMetrics.Alignment.MEDIAN));
            }
            double seconds = (System.nanoTime() - start) / 1e9 / indices.size();
            out.printf(
                    Locale.ROOT,
                    "depth estimator %s on %d NYUv2 test images (i >= %d, %s, " + "ground truth in (%.1f, %.0f] m)%n",
                    estimator.describe(),
                    indices.size(),
                    NyuV2.FIRST_TEST_INDEX,
                    region.describe(),
                    MIN_DEPTH,
                    MAX_DEPTH);
            out.println(line("as predicted", DepthMetrics.mean(raw)));
            out.println(line("median-scaled", DepthMetrics.mean(median)));
            out.printf(Locale.ROOT, "%.3f s/image%n", seconds);
            out.flush();
        }
        return 0;
    }

    /** Depth values of a map; a disparity map is inverted (its scale is then fixed by the median alignment). */
    static float[] asDepth(DepthMap map) {
        float[] values = map.values();
        if (map.convention() == DepthConvention.DISPARITY) {
            for (int i = 0; i < values.length; i++) {
                values[i] = 1f / Math.max(1e-6f, values[i]);
            }
        }
        return values;
    }

    /** {@link NyuRegion#parse}, its refusal a usage error. */
    static final class RegionConverter implements CommandLine.ITypeConverter<NyuRegion> {
        @Override
        public NyuRegion convert(String value) {
            try {
                return NyuRegion.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static String line(String name, DepthMetrics m) {
        return String.format(
                Locale.ROOT,
                "%-14s AbsRel %.4f  RMSE %.4f m  delta<1.25 %.4f  (mean scale %.3f)",
                name,
                m.absRel(),
                m.rmse(),
                m.delta1(),
                m.scale());
    }
}
