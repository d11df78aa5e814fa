package dev.imagerestore.models.cli;

import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.eval.DenoiseBenchmark;
import dev.imagerestore.models.eval.DenoiseReport;
import dev.imagerestore.models.eval.PeerDenoiser;
import dev.imagerestore.models.eval.PeerDenoisers;
import dev.imagerestore.models.eval.ReportText;
import dev.imagerestore.models.io.ModelLocation;
import dev.imagerestore.models.restore.Denoiser;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.sampler.SamplerKind;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * {@code eval}: benchmarks of the project's models; {@code eval denoise} scores Gaussian denoising,
 * {@code eval inpaint} inpainting, {@code eval depth} depth estimation, {@code eval depth2img}
 * depth-guided translation, {@code eval depth2img-bound} a reference for what such a translation
 * can keep, {@code eval samplers} the samplers' quality per network evaluation,
 * {@code eval damage} a damage detector's pixel precision and recall, and {@code eval noise} the
 * statistics of real or synthetic noise.
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        subcommands = {
            EvalCommand.Denoise.class,
            InpaintEvalCommand.class,
            EvalDepthCommand.class,
            EvalDepth2ImgCommand.class,
            EvalDepth2ImgBoundCommand.class,
            EvalSamplersCommand.class,
            EvalRestoreCommand.class,
            EvalDamageCommand.class,
            EvalNoiseCommand.class
        },
        description = "Evaluate models on folders of clean images.")
public final class EvalCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "choose a benchmark: eval denoise --help, eval inpaint --help");
    }

    /** {@code eval denoise}: adds Gaussian noise to clean images, denoises them and reports PSNR/SSIM. */
    @Command(
            name = "denoise",
            mixinStandardHelpOptions = true,
            defaultValueProvider = Denoise.Tiles.class,
            description = "Add Gaussian noise (unclipped, fixed seed) to clean images, denoise them and report "
                    + "PSNR (8-bit) and SSIM per image and on average.")
    public static final class Denoise implements Callable<Integer> {

        /** The denoiser's tiles. */
        static final class Tiles extends TilingOptions.Defaults {
            Tiles() {
                super(Denoiser.DEFAULT_TILE_SIZE, Denoiser.DEFAULT_OVERLAP);
            }
        }

        @Spec
        CommandSpec spec;

        @Option(names = "--clean", required = true, description = "Folder of clean images (searched recursively).")
        Path clean;

        @Option(names = "--sigma", required = true, description = "Noise standard deviation on the 0-255 scale.")
        double sigma;

        @Option(names = "--blind", description = "Estimate the noise level (Chen et al. 2015) instead of passing it.")
        boolean blind;

        @Option(
                names = "--seed",
                defaultValue = "0",
                description = "Noise seed; image i uses seed + i (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--json", description = "Also write the full report as JSON to this file.")
        Path json;

        @Option(
                names = "--model",
                defaultValue = ModelLocation.DEFAULT_DIRECTORY,
                description = "Model directory (default ${DEFAULT-VALUE}, or the copy packaged in the jar).")
        Path model;

        @Option(names = "--grayscale", description = "Evaluate on the channel mean of colour images.")
        boolean grayscale;

        @Option(
                names = "--refine-steps",
                defaultValue = "0",
                description =
                        "Also run N sampler steps from the noise level and report them beside the one-step result.")
        int refineSteps;

        @Option(
                names = "--sampler",
                defaultValue = "ddim",
                description =
                        "Refinement sampler: ddim, ddpm, euler-maruyama, heun, pc or dpm-solver++ (default ${DEFAULT-VALUE}).")
        String sampler;

        @Option(
                names = "--eta",
                defaultValue = "0",
                description = "DDIM eta for refinement (default ${DEFAULT-VALUE}).")
        double eta;

        @Option(names = "--limit", defaultValue = "0", description = "Evaluate only the first N images (0 = all).")
        int limit;

        @Option(
                names = "--peers",
                description = "Also run the classical peers (OpenCV non-local means) found on the class path.")
        boolean peers;

        @Mixin
        TilingOptions tiling;

        @Option(
                names = "--batch",
                defaultValue = "4",
                description = "Tiles per forward pass (default ${DEFAULT-VALUE}).")
        int batch;

        @Option(
                names = "--ensemble",
                defaultValue = "1",
                description = "Geometric self-ensemble: average over 1, 2, 4 or 8 flips/transpositions of every tile "
                        + "(costs that many times the network time; default ${DEFAULT-VALUE}).")
        int ensemble;

        @Option(
                names = "--jpeg",
                defaultValue = "0",
                description =
                        "Save each noisy image as a JPEG of this quality in (0, 1] and denoise what it decodes to, "
                                + "as archives store scans (default ${DEFAULT-VALUE}: unclipped float noise).")
        float jpeg;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            List<PeerDenoiser> peerList = peers ? PeerDenoisers.load(getClass().getClassLoader()) : List.of();
            if (peers && peerList.isEmpty()) {
                spec.commandLine().getErr().println(PeerDenoisers.MISSING);
                return 2;
            }
            samplerKind();
            if (!Denoiser.isSelfEnsembleSize(ensemble)) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--ensemble must be 1, 2, 4 or 8, got " + ensemble);
            }
            List<Path> files = CleanImages.first(spec, clean, limit);
            TorchThreads.configure(tiling.threads);
            try (DiffusionModel loaded = ModelLocation.load(model, getClass().getClassLoader())) {
                DenoiseBenchmark benchmark = DenoiseBenchmark.builder()
                        .setDenoiser(denoiser(loaded, 0))
                        .setSigma(sigma)
                        .optRefiner(refineSteps > 0 ? denoiser(loaded, refineSteps) : null)
                        .optBlind(blind)
                        .optSeed(seed)
                        .optGrayscale(grayscale)
                        .optJpegQuality(jpeg)
                        .optPeers(peerList)
                        .build();
                out.printf(
                        Locale.ROOT,
                        "model %s, sigma %s, %d images%s%s%n",
                        loaded.card().name(),
                        sigma,
                        files.size(),
                        blind ? ", blind" : "",
                        (ensemble > 1 ? ", self-ensemble x" + ensemble : "")
                                + (jpeg > 0 ? ", saved as JPEG at quality " + jpeg : ""));
                out.println(ReportText.header(
                        blind,
                        refineSteps > 0,
                        peerList.stream().map(PeerDenoiser::name).toList()));
                DenoiseReport report = benchmark.run(loaded.card().name(), files, r -> {
                    out.println(ReportText.line(r));
                    out.flush();
                });
                out.println(ReportText.summary(report));
                if (json != null) {
                    Files.writeString(json, report.toJson() + "\n", StandardCharsets.UTF_8);
                    out.println("wrote " + json);
                }
                out.flush();
                return 0;
            }
        }

        private Denoiser denoiser(DiffusionModel loaded, int steps) {
            return Denoiser.builder()
                    .setModel(loaded)
                    .optTileSize(tiling.tile)
                    .optOverlap(tiling.overlap)
                    .optBatchSize(batch)
                    .optRefineSteps(steps)
                    .optSampler(samplerKind())
                    .optEta(eta)
                    .optSeed(seed)
                    .optSelfEnsemble(ensemble)
                    .build();
        }

        private SamplerKind samplerKind() {
            try {
                return SamplerKind.parse(sampler);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
    }
}
