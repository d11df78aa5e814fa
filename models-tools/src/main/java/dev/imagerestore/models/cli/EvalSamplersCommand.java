package dev.imagerestore.models.cli;

import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.eval.InpaintBenchmark;
import dev.imagerestore.models.eval.SamplerSweep;
import dev.imagerestore.models.eval.SamplerSweepPlot;
import dev.imagerestore.models.io.ModelLocation;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.sampler.SamplerKind;
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

/** {@code eval samplers}: PSNR per network evaluation of every sampler, on denoising refinement and inpainting. */
@Command(
        name = "samplers",
        mixinStandardHelpOptions = true,
        description =
                "Compare the samplers at equal budgets of network evaluations (NFE): the refinement path of "
                        + "denoising (Gaussian noise of --sigma, PSNR of the image) and inpainting (eval inpaint's masks, one "
                        + "draw without resampling, PSNR in the hole). Prints a table and writes a PNG plot of PSNR against NFE.")
public final class EvalSamplersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--clean",
            required = true,
            description = "Folder of clean images (searched recursively), " + "e.g. ../shared/data/test/CBSD68.")
    Path clean;

    @Option(
            names = "--sigma",
            defaultValue = "25",
            description = "Noise level of the denoising task, 0-255 scale (default ${DEFAULT-VALUE}).")
    double sigma;

    @Option(
            names = "--nfe",
            defaultValue = "5,10,20",
            split = ",",
            description = "Budgets of network evaluations (default ${DEFAULT-VALUE}).")
    List<Integer> budgets;

    @Option(
            names = "--samplers",
            split = ",",
            description = "Samplers to compare (default all: " + "ddim, ddpm, euler-maruyama, heun, pc, dpm-solver++).")
    List<String> samplers;

    @Option(
            names = "--masks",
            defaultValue = "box64",
            description = "Inpainting masks: scratch or box64 (default ${DEFAULT-VALUE}).")
    String masks;

    @Option(
            names = "--model",
            defaultValue = ModelLocation.DEFAULT_DIRECTORY,
            description = "Model directory (default ${DEFAULT-VALUE}, or the copy packaged in the jar).")
    Path model;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "Noise, damage and sampler seed; image i uses seed + i (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--limit",
            defaultValue = "4",
            description = "Evaluate only the first N images in name order, 0 = all (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(
            names = "--crop",
            defaultValue = "0",
            description =
                    "Cut each image to its centred square of this side, 0 = whole images (default ${DEFAULT-VALUE}).")
    int crop;

    @Option(
            names = "--ode-reference",
            defaultValue = "0",
            paramLabel = "STEPS",
            description = "Also measure how far each ODE solver (ddim, heun, dpm-solver++) is from the "
                    + "probability-flow ODE's solution on the denoising task, taken as Heun with this many steps "
                    + "(about 100; default ${DEFAULT-VALUE}: not measured).")
    int odeReference;

    @Mixin
    TilingOptions tiling;

    @Option(
            names = "--plot",
            defaultValue = "samplers.png",
            description = "PNG plot of PSNR against NFE (default ${DEFAULT-VALUE}).")
    Path plot;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<SamplerKind> kinds = new ArrayList<>();
        InpaintBenchmark.Masks maskKind;
        try {
            for (String name : samplers == null ? List.<String>of() : samplers) {
                kinds.add(SamplerKind.parse(name));
            }
            maskKind = InpaintBenchmark.Masks.fromCliName(masks);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        List<Path> files = CleanImages.first(spec, clean, limit);
        TorchThreads.configure(tiling.threads);
        try (DiffusionModel loaded = ModelLocation.load(model, getClass().getClassLoader())) {
            SamplerSweep sweep;
            try {
                sweep = SamplerSweep.builder()
                        .setModel(loaded)
                        .optSigma(sigma)
                        .optBudgets(budgets)
                        .optSamplers(kinds.isEmpty() ? List.of(SamplerKind.values()) : kinds)
                        .optMasks(maskKind)
                        .optSeed(seed)
                        .optTiling(tiling.tile, tiling.overlap)
                        .optCrop(crop)
                        .optOdeReferenceSteps(odeReference)
                        .build();
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            out.printf(
                    Locale.ROOT,
                    "model %s, %d images%s, denoising at sigma %s, inpainting with %s masks%n",
                    loaded.card().name(),
                    files.size(),
                    crop == 0 ? "" : " (centre " + crop + "x" + crop + ")",
                    sigma,
                    maskKind.cliName());
            out.printf(
                    Locale.ROOT,
                    "%-8s %-15s %6s %6s %5s %8s %10s%n",
                    "task",
                    "sampler",
                    "budget",
                    "steps",
                    "NFE",
                    "PSNR",
                    "ODE error");
            out.flush();
            SamplerSweep.Result result = sweep.run(files, p -> {
                out.printf(
                        Locale.ROOT,
                        "%-8s %-15s %6d %6d %5d %8.2f %10s%n",
                        p.task().name().toLowerCase(Locale.ROOT),
                        p.sampler().cliName(),
                        p.budget(),
                        p.steps(),
                        p.evaluations(),
                        p.psnr(),
                        Double.isNaN(p.odeError()) ? "-" : String.format(Locale.ROOT, "%.3f", p.odeError()));
                out.flush();
            });
            List<SamplerSweep.Point> points = result.points();
            if (odeReference > 0) {
                out.printf(
                        Locale.ROOT,
                        "ODE error: RMS difference in 8-bit levels from heun with %d steps (the ODE's solution; "
                                + "dpm-solver++ with %d steps is %.3f levels from it)%n",
                        odeReference,
                        2 * odeReference,
                        result.referenceSpread());
            }
            SamplerSweepPlot.write(points, loaded.card().name(), plot);
            out.println("wrote " + plot);
            out.flush();
            return 0;
        }
    }
}
