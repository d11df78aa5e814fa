package dev.imagerestore.models.cli;

import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.eval.InpaintBenchmark;
import dev.imagerestore.models.eval.InpaintReport;
import dev.imagerestore.models.eval.InpaintReportText;
import dev.imagerestore.models.eval.PeerDenoisers;
import dev.imagerestore.models.eval.PeerInpainter;
import dev.imagerestore.models.inpaint.Inpainter;
import dev.imagerestore.models.inpaint.MaskFill;
import dev.imagerestore.models.io.ModelLocation;
import dev.imagerestore.models.restore.BlindRestorer;
import dev.imagerestore.models.runtime.TorchThreads;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

/** {@code eval inpaint}: renders damage on clean images, repairs it and reports hole PSNR/SSIM and seams. */
@Command(
        name = "inpaint",
        mixinStandardHelpOptions = true,
        description = "Render damage (fixed seed) on clean images, inpaint it with the diffusion prior (RePaint, "
                + "DDIM steps; or, when --model is a restorer such as restore-small, its one-pass mask-conditioned "
                + "fill) and report PSNR and SSIM inside the hole, PSNR of the image, a seam score "
                + "(RMS gradient error, 8-bit levels, 2 px either side of the mask border; lower is better) "
                + "and seconds per image; --peers adds OpenCV Telea and Navier-Stokes on the same masks.")
public final class InpaintEvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--clean", required = true, description = "Folder of clean images (searched recursively).")
    Path clean;

    @Option(
            names = "--masks",
            required = true,
            description = "scratch (polylines 1-5 px wide, about 3%% of pixels), box64 (one 64x64 box per image) "
                    + "or auto-synthetic (scratches painted on the image, found by --mask auto's detector).")
    String masks;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "Damage and noise seed; image i uses seed + i (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--peers",
            description = "Also run the classical peers (OpenCV Telea, Navier-Stokes) found on the class path.")
    boolean peers;

    @Option(
            names = "--model",
            defaultValue = ModelLocation.DEFAULT_DIRECTORY,
            description = "Model directory (default ${DEFAULT-VALUE}, or the copy packaged in the jar).")
    Path model;

    @Option(
            names = "--steps",
            defaultValue = "" + Inpainter.DEFAULT_STEPS,
            description = "DDIM steps (default ${DEFAULT-VALUE}).")
    int steps;

    @Mixin
    RePaintOptions repaint;

    @Option(
            names = "--strength",
            defaultValue = "" + Inpainter.DEFAULT_STRENGTH,
            description =
                    "Start at this fraction of the schedule from the noised harmonic first guess; 1 = pure noise, "
                            + "as RePaint (default ${DEFAULT-VALUE}).")
    double strength;

    @Option(names = "--eta", defaultValue = "0", description = "DDIM eta (default ${DEFAULT-VALUE}).")
    double eta;

    @Mixin
    TilingOptions tiling;

    @Option(names = "--batch", defaultValue = "4", description = "Tiles per forward pass (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--limit",
            defaultValue = "0",
            description = "Evaluate only the first N images in name order (0 = all).")
    int limit;

    @Option(
            names = "--detection-only",
            description = "With auto-synthetic masks: measure the damage detector only (recall, precision, clean-image "
                    + "fraction), without inpainting.")
    boolean detectionOnly;

    @Option(names = "--json", description = "Also write the full report as JSON to this file.")
    Path json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        InpaintBenchmark.Masks kind;
        try {
            kind = InpaintBenchmark.Masks.fromCliName(masks);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        List<PeerInpainter> peerList =
                peers ? PeerDenoisers.loadInpainters(getClass().getClassLoader()) : List.of();
        if (peers && peerList.isEmpty()) {
            spec.commandLine().getErr().println(PeerDenoisers.MISSING);
            return 2;
        }
        List<Path> files = CleanImages.first(spec, clean, limit);
        if (detectionOnly) {
            return report(out, null, "none (detection only)", kind, files, peerList);
        }
        TorchThreads.configure(tiling.threads);
        try (DiffusionModel loaded = ModelLocation.load(model, getClass().getClassLoader())) {
            if (BlindRestorer.accepts(loaded)) {
                MaskFill fill = BlindRestorer.builder()
                        .setModel(loaded)
                        .optTileSize(tiling.tile)
                        .optOverlap(tiling.overlap)
                        .optBatchSize(batch)
                        .optSeed(seed)
                        .build()
                        .maskFill();
                return report(out, fill, loaded.card().name(), kind, files, peerList);
            }
            Inpainter inpainter = Inpainter.builder()
                    .setModel(loaded)
                    .optSteps(steps)
                    .optJumpLength(repaint.jumpLength())
                    .optJumpRepeats(repaint.jumpRepeats())
                    .optSamples(repaint.samples())
                    .optStrength(strength)
                    .optEta(eta)
                    .optSeed(seed)
                    .optTileSize(tiling.tile)
                    .optOverlap(tiling.overlap)
                    .optBatchSize(batch)
                    .build();
            return report(out, inpainter, loaded.card().name(), kind, files, peerList);
        }
    }

    /** Runs the benchmark and prints its report; {@code inpainter} is null when only the detector is measured. */
    private int report(
            PrintWriter out,
            MaskFill inpainter,
            String modelName,
            InpaintBenchmark.Masks kind,
            List<Path> files,
            List<PeerInpainter> peerList)
            throws IOException {
        InpaintBenchmark.Builder builder = InpaintBenchmark.builder()
                .setMasks(kind)
                .optSeed(seed)
                .optPeers(peerList)
                .optRepair(inpainter != null);
        if (inpainter != null) {
            builder.setInpainter(inpainter);
        }
        InpaintBenchmark benchmark = builder.build();
        out.printf(
                Locale.ROOT,
                "model %s, masks %s, seed %d, %d images, %s%n",
                modelName,
                kind.cliName(),
                seed,
                files.size(),
                inpainter == null ? "detector only" : inpainter.describe());
        List<String> methods = new ArrayList<>();
        if (inpainter != null) {
            methods.add(InpaintReport.MODEL);
            methods.add(InpaintReport.FIRST_GUESS);
            peerList.forEach(p -> methods.add(p.name()));
        }
        out.println(InpaintReportText.header(methods, kind == InpaintBenchmark.Masks.AUTO_SYNTHETIC));
        InpaintReport report = benchmark.run(modelName, files, r -> {
            out.println(InpaintReportText.line(r));
            out.flush();
        });
        out.println(InpaintReportText.summary(report));
        if (json != null) {
            Files.writeString(json, report.toJson() + "\n", StandardCharsets.UTF_8);
            out.println("wrote " + json);
        }
        out.flush();
        return 0;
    }
}
