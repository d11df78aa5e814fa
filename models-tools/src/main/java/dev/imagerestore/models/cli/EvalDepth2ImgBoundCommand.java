package dev.imagerestore.models.cli;

import ai.djl.ndarray.NDManager;
import dev.imagerestore.models.eval.OracleWiener;
import dev.imagerestore.models.eval.Psnr;
import dev.imagerestore.models.eval.Ssim;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.io.ModelDirectory;
import dev.imagerestore.models.schedule.NoiseSchedule;
import dev.imagerestore.models.translate.DepthGuidedTranslator;
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
 * {@code eval depth2img-bound}: a reference for what SDEdit at a given strength can keep of each
 * image, scored as {@code eval depth2img} scores a translation. SDEdit starts from
 * {@code x_t = sqrt(alpha_bar) (2 x - 1) + sqrt(1 - alpha_bar) z}, which holds the same information
 * about the image {@code x} as {@code x + sigma z} with {@code sigma = sqrt(1 - alpha_bar) /
 * (2 sqrt(alpha_bar))}. The command draws {@code z} as the translation does (same seed, image ids and
 * noise field), estimates {@code x} from it with the genie-aided {@link OracleWiener}, renders every
 * look of that estimate, and prints its SSIM against the look of the input beside the input's own
 * (the column a translation must beat to have moved towards the look). A translator also sees a depth
 * map and a label, neither of which carries the image's fine structure, and its output is a sample,
 * not a mean estimate.
 */
@Command(
        name = "depth2img-bound",
        mixinStandardHelpOptions = true,
        description = "For each look, the SSIM against the look of the input that a genie-aided estimate from "
                + "SDEdit's noised input reaches, beside the input's own SSIM: a reference for what a translation at "
                + "this strength can keep.")
public final class EvalDepth2ImgBoundCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CleanImages images;

    @Option(names = "--strength", defaultValue = "0.75", description = "SDEdit strength (default ${DEFAULT-VALUE}).")
    double strength;

    @Option(
            names = "--sigma",
            description = "Instead of --strength: Gaussian noise of this standard deviation on the "
                    + "0-255 scale, so that the oracle PSNR can be set beside published denoising figures.")
    Double sigma255;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "Noise seed; image i uses id i, as in eval depth2img " + "(default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--model",
            defaultValue = "models/zoo/depth2img-small",
            description = "Model directory whose noise schedule --strength refers to; only its card is read "
                    + "(default ${DEFAULT-VALUE}).")
    Path model;

    @Override
    public Integer call() throws Exception {
        if (sigma255 != null && spec.commandLine().getParseResult().hasMatchedOption("--strength")) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "give --strength or --sigma, not both (got " + strength + " and " + sigma255 + ")");
        }
        if (sigma255 != null && !(sigma255 > 0 && sigma255 < 1e4)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--sigma must be in (0, 10000), got " + sigma255);
        }
        if (!(strength > 0 && strength <= 1)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--strength must be in (0, 1], got " + strength);
        }
        List<Path> files = images.select(spec);
        PrintWriter out = spec.commandLine().getOut();
        double sigma;
        String setting;
        if (sigma255 != null) {
            sigma = sigma255 / 255;
            setting = "sigma " + sigma255;
            out.printf(
                    Locale.ROOT,
                    "Gaussian noise of sigma %s/255 on the image (--sigma); seed %d, %d images%n",
                    sigma255,
                    seed,
                    files.size());
        } else {
            ModelCard card = ModelDirectory.readCard(model);
            NoiseSchedule schedule = card.schedule().toSchedule();
            double alphaBar = schedule.alphaBar(strength * (schedule.steps() - 1));
            sigma = Math.sqrt(1 - alphaBar) / (2 * Math.sqrt(alphaBar));
            setting = "s=" + strength;
            out.printf(
                    Locale.ROOT,
                    "schedule of %s (%s), strength %s: the input keeps %.4f of its amplitude under noise "
                            + "of %.4f, as Gaussian noise of sigma %.1f/255 on the image; seed %d, %d images%n",
                    card.name(),
                    schedule.kind(),
                    strength,
                    Math.sqrt(alphaBar),
                    Math.sqrt(1 - alphaBar),
                    sigma * 255,
                    seed,
                    files.size());
        }
        Look[] looks = Look.values();
        StringBuilder header = new StringBuilder("image                  oracle PSNR");
        for (Look look : looks) {
            header.append(String.format(Locale.ROOT, "  %13s oracle  input", look.label()));
        }
        out.println(header);
        double psnrSum = 0;
        double[][] sums = new double[looks.length][2];
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                FloatImage image = ImageFiles.read(file);
                FloatImage rgb = image.channels() == 1 ? image.toThreeChannels() : image;
                float[] x = rgb.toArray();
                float[] z;
                try (NDManager sub = manager.newSubManager()) {
                    z = DepthGuidedTranslator.initialNoise(sub, seed, images.id(i), rgb.height(), rgb.width())
                            .toFloatArray();
                }
                for (int k = 0; k < x.length; k++) {
                    x[k] += (float) (sigma * z[k]);
                }
                FloatImage noisy = FloatImage.wrap(3, rgb.height(), rgb.width(), rgb.bitDepth(), x);
                FloatImage estimate;
                try {
                    estimate = OracleWiener.estimate(rgb, noisy, sigma);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
                }
                double psnr = Psnr.of8Bit(rgb, estimate);
                psnrSum += psnr;
                StringBuilder row =
                        new StringBuilder(String.format(Locale.ROOT, "%-22s %11.2f", file.getFileName(), psnr));
                for (int l = 0; l < looks.length; l++) {
                    FloatImage reference = looks[l].apply(rgb);
                    double bound = Ssim.of8Bit(reference, looks[l].apply(estimate));
                    double input = Ssim.of8Bit(reference, rgb);
                    sums[l][0] += bound;
                    sums[l][1] += input;
                    row.append(String.format(Locale.ROOT, "  %20.4f %6.4f", bound, input));
                }
                out.println(row);
                out.flush();
            }
        }
        int n = files.size();
        StringBuilder mean =
                new StringBuilder(String.format(Locale.ROOT, "mean %s: oracle PSNR %.2f dB", setting, psnrSum / n));
        for (int l = 0; l < looks.length; l++) {
            mean.append(String.format(
                    Locale.ROOT, "; %s oracle %.4f, input %.4f", looks[l].label(), sums[l][0] / n, sums[l][1] / n));
        }
        out.println(mean);
        out.flush();
        return 0;
    }
}
