package dev.imagerestore.models.cli;

import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.cli.RestorationSamples.Sample;
import dev.imagerestore.models.degrade.Degradations;
import dev.imagerestore.models.eval.ComparisonSheet;
import dev.imagerestore.models.eval.PeerDenoiser;
import dev.imagerestore.models.eval.PeerDenoisers;
import dev.imagerestore.models.eval.Psnr;
import dev.imagerestore.models.eval.Ssim;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.models.restore.BlindRestorer;
import dev.imagerestore.models.restore.Denoiser;
import dev.imagerestore.models.runtime.TorchThreads;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eval restore}: the blind restorer on clean images degraded by a named pipeline
 * ({@link Degradations}), or on real pairs ({@code --pairs NOISY CLEAN}, matched by name), beside
 * the input itself, optionally the AWGN denoiser at each of a sweep of fixed noise levels (the best
 * level of the sweep kept for the whole set) and the classical peers at their best parameter per
 * image. PSNR and SSIM on 8-bit results, the RMS change from the input (the mean and the least, so
 * a method that leaves images as they are shows), s/MP of the model and, with the AWGN model, the
 * ratio of their times in the same run. {@code --images} takes real photographs without a reference
 * (only change and time), and {@code --sheet} writes 100 % crops of input and outputs to look at.
 */
@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        description = "Evaluate the blind restorer on degraded clean images or on real noisy/clean pairs.")
final class EvalRestoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--sheet",
            paramLabel = "FILE.png",
            description = "Also write a sheet of 100 %% centre crops: input, restored, the AWGN model's blind output "
                    + "(with --awgn-model) and the reference where there is one.")
    Path sheet;

    @Option(names = "--sheet-rows", defaultValue = "6", description = "Images on the sheet (default ${DEFAULT-VALUE}).")
    int sheetRows;

    @Option(
            names = "--sheet-crop",
            defaultValue = "192",
            description = "Crop side on the sheet, pixels (default ${DEFAULT-VALUE}).")
    int sheetCrop;

    @Option(names = "--model", required = true, description = "The restorer's model directory.")
    Path model;

    @Option(
            names = "--awgn-model",
            paramLabel = "DIR",
            description = "Also run this AWGN denoiser at each level of --sigma-sweep.")
    Path awgnModel;

    @Option(
            names = "--sigma-sweep",
            split = ",",
            defaultValue = "2,4,6,10,15,25",
            description = "Fixed noise levels for --awgn-model (default ${DEFAULT-VALUE}).")
    List<Double> sigmaSweep;

    @Option(
            names = "--peers",
            description = "Also run the classical peers (OpenCV non-local means) found on the class path.")
    boolean peers;

    @Option(names = "--refine-steps", defaultValue = "0", description = "DDIM steps after the one-step estimate.")
    int refineSteps;

    @Mixin
    RestorationSamples selection;

    @Option(names = "--threads", defaultValue = "0", description = "PyTorch intra-op threads, 0 = all cores.")
    int threads;

    /** Outputs kept for the sheet, per image: restorer and AWGN model. */
    private final Map<Integer, FloatImage[]> kept = new LinkedHashMap<>();

    /** PSNR per method of the images the pipeline left clean (NaN for the others). */
    private final Map<String, double[]> untouchedPsnr = new LinkedHashMap<>();

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** RMS change from the input per method and image, 8-bit levels. */
    private final Map<String, double[]> change = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        TorchThreads.configure(threads);
        List<Sample> samples = selection.load(spec);
        List<PeerDenoiser> found = peers && selection.images == null
                ? PeerDenoisers.load(getClass().getClassLoader())
                : List.of();
        Map<String, double[]> psnr = new LinkedHashMap<>();
        Map<String, double[]> ssim = new LinkedHashMap<>();
        double seconds = 0;
        double awgnSeconds = 0;
        double megapixels = 0;
        int n = samples.size();
        String restorerName;
        try (DiffusionModel loaded = DiffusionModel.load(model)) {
            restorerName = "restorer " + loaded.card().name();
            BlindRestorer restorer = BlindRestorer.builder()
                    .setModel(loaded)
                    .optRefineSteps(refineSteps)
                    .optSeed(selection.seed)
                    .build();
            for (int i = 0; i < n; i++) {
                Sample s = samples.get(i);
                score(psnr, ssim, "input", i, n, s, s.input());
                long start = System.nanoTime();
                FloatImage out = restorer.restore(s.input(), i).image();
                seconds += (System.nanoTime() - start) / 1e9;
                megapixels += s.input().pixels() / 1e6;
                score(psnr, ssim, restorerName, i, n, s, out);
                keep(i, 0, out);
            }
        }
        if (awgnModel != null) {
            try (DiffusionModel loaded = DiffusionModel.load(awgnModel)) {
                Denoiser denoiser = Denoiser.builder().setModel(loaded).build();
                for (int i = 0; i < n; i++) {
                    Sample s = samples.get(i);
                    if (s.clean() != null) {
                        for (double sigma : sigmaSweep) {
                            score(
                                    psnr,
                                    ssim,
                                    String.format(Locale.ROOT, "awgn model at sigma %g", sigma),
                                    i,
                                    n,
                                    s,
                                    denoiser.denoise(s.input(), sigma));
                        }
                    }
                    long start = System.nanoTime();
                    FloatImage blind = denoiser.denoiseBlind(s.input());
                    awgnSeconds += (System.nanoTime() - start) / 1e9;
                    score(psnr, ssim, "awgn model, blind", i, n, s, blind);
                    keep(i, 1, blind);
                }
            }
        }
        if (peers && selection.images == null) {
            runPeers(found, samples, psnr, ssim);
        } else if (peers) {
            out().println("--peers pick their parameter against a reference; --images has none, so they were not run");
        }
        print(samples, psnr, ssim, seconds / megapixels);
        if (awgnModel != null) {
            out().printf(
                            Locale.ROOT,
                            "awgn model time (blind, with its noise estimate): %.2f s/MP; restorer / awgn "
                                    + "model: %.2fx (same run)%n",
                            awgnSeconds / megapixels,
                            seconds / awgnSeconds);
        }
        if (sheet != null) {
            writeSheet(samples, restorerName);
        }
        return 0;
    }

    private void keep(int i, int column, FloatImage out) {
        if (sheet != null && i < sheetRows) {
            kept.computeIfAbsent(i, k -> new FloatImage[2])[column] = out;
        }
    }

    private void writeSheet(List<Sample> samples, String restorerName) throws IOException {
        List<String> columns = new ArrayList<>(List.of("input", restorerName));
        boolean awgn = awgnModel != null;
        boolean references = samples.get(0).clean() != null;
        if (awgn) {
            columns.add("awgn model, blind");
        }
        if (references) {
            columns.add("reference");
        }
        ComparisonSheet out = ComparisonSheet.builder(columns, sheetCrop);
        for (Map.Entry<Integer, FloatImage[]> e : kept.entrySet()) {
            Sample s = samples.get(e.getKey());
            List<FloatImage> row = new ArrayList<>(List.of(s.input(), e.getValue()[0]));
            if (awgn) {
                row.add(e.getValue()[1]);
            }
            if (references) {
                row.add(s.clean());
            }
            out.addRow(s.name(), row);
        }
        out.write(sheet);
        out().println("wrote " + sheet + " (" + out.rowCount() + " images, " + sheetCrop + " px centre crops)");
    }

    /** Runs the peers, loaded before the models ran so that a broken class path fails at once. */
    private void runPeers(
            List<PeerDenoiser> found, List<Sample> samples, Map<String, double[]> psnr, Map<String, double[]> ssim) {
        if (found.isEmpty()) {
            out().println(PeerDenoisers.MISSING);
            return;
        }
        for (PeerDenoiser peer : found) {
            for (int i = 0; i < samples.size(); i++) {
                Sample s = samples.get(i);
                FloatImage input = ImageFiles.fromBufferedImage(
                        ImageFiles.toBufferedImage(s.input().withBitDepth(8)));
                double level = Math.max(1, s.input().rmsChange(s.clean()));
                FloatImage best = null;
                double bestPsnr = Double.NEGATIVE_INFINITY;
                for (double p : peer.sweep(level)) {
                    FloatImage out = peer.denoise(input, p);
                    double value = Psnr.of8Bit(s.clean(), out);
                    if (value > bestPsnr) {
                        bestPsnr = value;
                        best = out;
                    }
                }
                score(
                        psnr,
                        ssim,
                        peer.name() + " (best " + peer.parameterName() + " per image)",
                        i,
                        samples.size(),
                        s,
                        best);
            }
        }
    }

    private void score(
            Map<String, double[]> psnr,
            Map<String, double[]> ssim,
            String method,
            int i,
            int n,
            Sample s,
            FloatImage out) {
        change.computeIfAbsent(method, k -> new double[n])[i] = s.input().rmsChange(out);
        if (s.clean() != null) {
            double value = Psnr.of8Bit(s.clean(), out);
            psnr.computeIfAbsent(method, k -> new double[n])[i] = s.untouched() ? Double.NaN : value;
            ssim.computeIfAbsent(method, k -> new double[n])[i] =
                    s.untouched() ? Double.NaN : Ssim.of8Bit(s.clean(), out);
            untouchedPsnr.computeIfAbsent(method, k -> new double[n])[i] = s.untouched() ? value : Double.NaN;
        }
    }

    private void print(
            List<Sample> samples, Map<String, double[]> psnr, Map<String, double[]> ssim, double secondsPerMegapixel) {
        int n = samples.size();
        out().printf(Locale.ROOT, "eval restore: %d images, %s%n", n, selection.describe());
        int untouched = (int) samples.stream().filter(Sample::untouched).count();
        if (untouched > 0) {
            out().printf(
                            Locale.ROOT,
                            "%d of them left clean by the pipeline: PSNR and SSIM are means over the "
                                    + "other %d; the clean ones are scored below the table%n",
                            untouched,
                            n - untouched);
        }
        out().printf(Locale.ROOT, "%-48s %9s %7s %12s %10s%n", "method", "PSNR dB", "SSIM", "change rms", "min change");
        String bestSweep = null;
        for (String method : change.keySet()) {
            double[] moved = change.get(method);
            double least = java.util.Arrays.stream(moved).min().orElse(0);
            if (!psnr.containsKey(method)) {
                out().printf(Locale.ROOT, "%-48s %9s %7s %12.2f %10.2f%n", method, "-", "-", mean(moved), least);
                continue;
            }
            double p = mean(psnr.get(method));
            if (Double.isNaN(p)) {
                out().printf(Locale.ROOT, "%-48s %9s %7s %12.2f %10.2f%n", method, "-", "-", mean(moved), least);
                continue;
            }
            out().printf(
                            Locale.ROOT,
                            "%-48s %9.2f %7.4f %12.2f %10.2f%n",
                            method,
                            p,
                            mean(ssim.get(method)),
                            mean(moved),
                            least);
            if (method.startsWith("awgn model at") && (bestSweep == null || p > mean(psnr.get(bestSweep)))) {
                bestSweep = method;
            }
        }
        if (untouched > 0) {
            for (String method : change.keySet()) {
                double[] moved = change.get(method).clone();
                for (int i = 0; i < moved.length; i++) {
                    moved[i] = samples.get(i).untouched() ? moved[i] : Double.NaN;
                }
                if (!method.equals("input") && untouchedPsnr.containsKey(method)) {
                    out().printf(
                                    Locale.ROOT,
                                    "%-48s on the %d clean images: %.2f dB, change %.2f levels rms%n",
                                    method,
                                    untouched,
                                    mean(untouchedPsnr.get(method)),
                                    mean(moved));
                }
            }
        }
        if (bestSweep != null) {
            out().printf(
                            Locale.ROOT,
                            "best fixed level of the sweep: %s, %.2f dB%n",
                            bestSweep,
                            mean(psnr.get(bestSweep)));
        }
        out().printf(Locale.ROOT, "restorer time: %.2f s/MP%n", secondsPerMegapixel);
    }

    /** The mean of the values that are not NaN (untouched images have NaN scores). */
    private static double mean(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
