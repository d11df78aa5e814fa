package dev.imagerestore.models.cli;

import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.depth.DepthEstimator;
import dev.imagerestore.models.depth.DepthResolver;
import dev.imagerestore.models.eval.Ssim;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.translate.DepthGuidedTranslator;
import dev.imagerestore.models.translate.Encoding;
import dev.imagerestore.models.translate.Look;
import java.io.PrintWriter;
import java.nio.file.Path;
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
 * {@code eval depth2img}: translates clean images towards a look and scores SSIM between the output
 * and the look's documented transform of the input ({@link Look}), with depth guidance, without it
 * (the ablation: depth planes zeroed), and for the untouched input. With {@code --control} it also
 * translates every image to its own domain ({@code --source}) with the same noise and depth and
 * scores that against the look: what the method keeps of the image when no look is asked for, the
 * baseline a translation has to beat to have moved towards the look rather than only lost detail.
 */
@Command(
        name = "depth2img",
        mixinStandardHelpOptions = true,
        description = "Translate images to a look with and without depth guidance; report SSIM against the look's "
                + "documented transform of the input, the input's own SSIM, and seconds per image.")
public final class EvalDepth2ImgCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CleanImages images;

    @Option(
            names = "--target",
            required = true,
            description = "Target label; must name a look: pencil-sketch, sepia-print, night.")
    String target;

    @Option(names = "--strength", defaultValue = "0.75", description = "SDEdit strength (default ${DEFAULT-VALUE}).")
    double strength;

    @Option(
            names = "--steps",
            defaultValue = "50",
            description = "DDIM steps of a full run (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "Noise seed; image i uses id i (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    TranslationOptions translation;

    @Option(
            names = "--model",
            defaultValue = "models/zoo/depth2img-small",
            description = "Depth-guided model directory (default ${DEFAULT-VALUE}).")
    Path model;

    @Mixin
    DepthOptions depth;

    @Option(
            names = "--control",
            description = "Also translate each image to its own domain (--source, default "
                    + "photo) with the same noise and depth, and score it against the look (column 'SSIM control').")
    boolean control;

    @Mixin
    TilingOptions tiling;

    @Override
    public Integer call() throws Exception {
        Look look = Look.forLabel(target)
                .orElseThrow(() -> new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--target " + target + " has no documented transform to score against; use one of "
                                + Look.labels()));
        Encoding mode;
        try {
            mode = translation.encoding();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        TorchThreads.configure(tiling.threads);
        List<Path> files = images.select(spec);
        PrintWriter out = spec.commandLine().getOut();
        try (DiffusionModel loaded = DiffusionModel.load(model);
                DepthEstimator estimator = depth.openEstimator()) {
            DepthGuidedTranslator translator;
            try {
                translator = DepthGuidedTranslator.builder()
                        .setModel(loaded)
                        .optStrength(strength)
                        .optSteps(steps)
                        .optSeed(seed)
                        .optTileSize(tiling.tile)
                        .optOverlap(tiling.overlap)
                        .optEncoding(mode)
                        .optSource(translation.source())
                        .optGuidance(translation.resolvedGuidance())
                        .build();
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            if (control && !loaded.card().labels().contains(translation.source())) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--control translates to --source "
                                + translation.source() + ", which is not in the vocabulary "
                                + loaded.card().labels()
                                + " of model " + loaded.card().name() + "; name the inputs' domain with --source");
            }
            DepthResolver resolver = DepthResolver.of(depth.depthDirectory(), depth.convention(), estimator);
            out.printf(
                    Locale.ROOT,
                    "model %s, target %s, strength %s, %d DDIM steps, guidance %s, encoding %s%s, %d images%n",
                    loaded.card().name(),
                    target,
                    strength,
                    translator.stepsRun(),
                    translator.guidance(),
                    mode.label(),
                    mode == Encoding.INVERSION ? " from " + translation.source() : ", seed " + seed,
                    files.size());
            out.println("image                  depth source                      SSIM depth  SSIM no-depth  SSIM input"
                    + (control ? "  SSIM control" : "") + "  s/image");
            double[] sums = new double[5];
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                long imageId = images.id(i);
                FloatImage image = ImageFiles.read(file);
                FloatImage rgb = image.channels() == 1 ? image.toThreeChannels() : image;
                FloatImage reference = look.apply(rgb);
                long start = System.nanoTime();
                String relative = images.folder().relativize(file).toString();
                DepthResolver.Resolved resolved = resolver.resolve(file, relative, rgb);
                FloatImage guided = translator.translate(rgb, resolved.map(), target, imageId);
                double seconds = (System.nanoTime() - start) / 1e9;
                FloatImage unguided = translator.translate(rgb, null, target, imageId);
                double controlSsim = control
                        ? Ssim.of8Bit(
                                reference, translator.translate(rgb, resolved.map(), translation.source(), imageId))
                        : Double.NaN;
                double[] row = {
                    Ssim.of8Bit(reference, guided),
                    Ssim.of8Bit(reference, unguided),
                    Ssim.of8Bit(reference, rgb),
                    seconds,
                    controlSsim
                };
                for (int k = 0; k < row.length; k++) {
                    sums[k] += row[k];
                }
                out.printf(
                        Locale.ROOT,
                        "%-22s %-33s %10.4f %14.4f %11.4f%s %8.2f%n",
                        file.getFileName(),
                        shorten(resolved.source()),
                        row[0],
                        row[1],
                        row[2],
                        control ? String.format(Locale.ROOT, " %13.4f", controlSsim) : "",
                        row[3]);
                out.flush();
            }
            int n = files.size();
            out.printf(
                    Locale.ROOT,
                    "mean %s s=%s: SSIM with depth %.4f, without depth %.4f, input %.4f%s; %.2f s/image "
                            + "(with depth, estimator included)%n",
                    target,
                    strength,
                    sums[0] / n,
                    sums[1] / n,
                    sums[2] / n,
                    control
                            ? String.format(Locale.ROOT, ", control (to %s) %.4f", translation.source(), sums[4] / n)
                            : "",
                    sums[3] / n);
            out.flush();
        }
        return 0;
    }

    private static String shorten(String source) {
        return source.length() <= 33 ? source : source.substring(0, 30) + "...";
    }
}
