package dev.imagerestore.models.cli;

import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.degrade.Degradations;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eval restore}: the blind restorer on clean images degraded by a named pipeline
 * ({@link Degradations}), or on real pairs ({@code --pairs NOISY CLEAN}, matched by name), beside
 * the input itself, optionally the AWGN denoiser at each of a sweep of fixed noise levels (the best
 * level of the sweep kept for the whole set) and the classical peers at their best parameter per
 * image. PSNR and SSIM on 8-bit results; s/MP of the model.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Evaluate the blind restorer on degraded clean images or on real noisy/clean pairs.")
final class EvalRestoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--clean", description = "Folder of clean images to degrade with --degradation.")
    Path clean;

    @Option(names = "--degradation", defaultValue = "realistic", paramLabel = "SPEC",
            description = "realistic, jpeg-grain, awgn:SIGMA or none (default ${DEFAULT-VALUE}).")
    String degradation;

    @Option(names = "--pairs", arity = "2", paramLabel = "DIR",
            description = "NOISY_DIR CLEAN_DIR: real pairs matched by file name (e.g. PolyU-dev/noisy PolyU-dev/clean).")
    List<Path> pairs;

    @Option(names = "--model", required = true, description = "The restorer's model directory.")
    Path model;

    @Option(names = "--awgn-model", paramLabel = "DIR",
            description = "Also run this AWGN denoiser at each level of --sigma-sweep.")
    Path awgnModel;

    @Option(names = "--sigma-sweep", split = ",", defaultValue = "2,4,6,10,15,25",
            description = "Fixed noise levels for --awgn-model (default ${DEFAULT-VALUE}).")
    List<Double> sigmaSweep;

    @Option(names = "--peers", description = "Also run the classical peers (OpenCV non-local means) found on the class path.")
    boolean peers;

    @Option(names = "--refine-steps", defaultValue = "0", description = "DDIM steps after the one-step estimate.")
    int refineSteps;

    @Option(names = "--limit", defaultValue = "0", description = "Evaluate only the first N images (0 = all).")
    int limit;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the degradations and the model's noise.")
    long seed;

    @Option(names = "--threads", defaultValue = "0", description = "PyTorch intra-op threads, 0 = all cores.")
    int threads;

    /** One image: the degraded input and its clean reference. */
    private record Sample(String name, FloatImage input, FloatImage clean) {}

    @Override
    public Integer call() throws Exception {
        TorchThreads.configure(threads);
        List<Sample> samples = samples();
        Map<String, double[]> psnr = new LinkedHashMap<>();
        Map<String, double[]> ssim = new LinkedHashMap<>();
        double seconds = 0;
        double megapixels = 0;
        int n = samples.size();
        try (DiffusionModel loaded = DiffusionModel.load(model)) {
            BlindRestorer restorer = BlindRestorer.builder().setModel(loaded).optRefineSteps(refineSteps).optSeed(seed)
                    .build();
            for (int i = 0; i < n; i++) {
                Sample s = samples.get(i);
                score(psnr, ssim, "input", i, n, s, s.input());
                long start = System.nanoTime();
                FloatImage out = restorer.restore(s.input(), i).image();
                seconds += (System.nanoTime() - start) / 1e9;
                megapixels += s.input().pixels() / 1e6;
                score(psnr, ssim, "restorer " + loaded.card().name(), i, n, s, out);
            }
        }
        if (awgnModel != null) {
            try (DiffusionModel loaded = DiffusionModel.load(awgnModel)) {
                Denoiser denoiser = Denoiser.builder().setModel(loaded).build();
                for (int i = 0; i < n; i++) {
                    Sample s = samples.get(i);
                    for (double sigma : sigmaSweep) {
                        score(psnr, ssim, String.format(Locale.ROOT, "awgn model at sigma %g", sigma), i, n, s,
                                denoiser.denoise(s.input(), sigma));
                    }
                    score(psnr, ssim, "awgn model, blind", i, n, s, denoiser.denoiseBlind(s.input()));
                }
            }
        }
        if (peers) {
            runPeers(samples, psnr, ssim);
        }
        print(samples.size(), psnr, ssim, seconds / megapixels);
        return 0;
    }

    private void runPeers(List<Sample> samples, Map<String, double[]> psnr, Map<String, double[]> ssim) {
        List<PeerDenoiser> found = PeerDenoisers.load(getClass().getClassLoader());
        if (found.isEmpty()) {
            System.out.println(PeerDenoisers.MISSING);
            return;
        }
        for (PeerDenoiser peer : found) {
            for (int i = 0; i < samples.size(); i++) {
                Sample s = samples.get(i);
                FloatImage input = ImageFiles.fromBufferedImage(ImageFiles.toBufferedImage(s.input().withBitDepth(8)));
                double level = Math.max(1, BlindRestorer.rmsChange(s.input(), s.clean()));
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
                score(psnr, ssim, peer.name() + " (best " + peer.parameterName() + " per image)", i, samples.size(), s,
                        best);
            }
        }
    }

    private static void score(Map<String, double[]> psnr, Map<String, double[]> ssim, String method, int i, int n,
            Sample s, FloatImage out) {
        psnr.computeIfAbsent(method, k -> new double[n])[i] = Psnr.of8Bit(s.clean(), out);
        ssim.computeIfAbsent(method, k -> new double[n])[i] = Ssim.of8Bit(s.clean(), out);
    }

    private void print(int n, Map<String, double[]> psnr, Map<String, double[]> ssim, double secondsPerMegapixel) {
        String what = pairs != null ? "pairs " + pairs.get(0) + " / " + pairs.get(1)
                : clean + " degraded by '" + degradation + "' (seed " + seed + ")";
        System.out.printf(Locale.ROOT, "eval restore: %d images, %s%n", n, what);
        System.out.printf(Locale.ROOT, "%-48s %9s %7s%n", "method", "PSNR dB", "SSIM");
        String bestSweep = null;
        for (String method : psnr.keySet()) {
            double p = mean(psnr.get(method));
            System.out.printf(Locale.ROOT, "%-48s %9.2f %7.4f%n", method, p, mean(ssim.get(method)));
            if (method.startsWith("awgn model at") && (bestSweep == null || p > mean(psnr.get(bestSweep)))) {
                bestSweep = method;
            }
        }
        if (bestSweep != null) {
            System.out.printf(Locale.ROOT, "best fixed level of the sweep: %s, %.2f dB%n", bestSweep,
                    mean(psnr.get(bestSweep)));
        }
        System.out.printf(Locale.ROOT, "restorer time: %.2f s/MP%n", secondsPerMegapixel);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private List<Sample> samples() throws IOException {
        if ((pairs == null) == (clean == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give either --clean DIR (with --degradation) or --pairs NOISY_DIR CLEAN_DIR");
        }
        List<Sample> out = new ArrayList<>();
        if (pairs != null) {
            for (Path noisy : ImageFiles.list(pairs.get(0))) {
                Path reference = pairs.get(1).resolve(pairs.get(0).relativize(noisy));
                if (!Files.isRegularFile(reference)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "no clean image " + reference
                            + " for " + noisy + ": --pairs needs the same file names in both folders");
                }
                out.add(new Sample(noisy.getFileName().toString(), ImageFiles.read(noisy), ImageFiles.read(reference)));
                if (limit > 0 && out.size() == limit) {
                    break;
                }
            }
        } else {
            Degradations pipeline = Degradations.parse(degradation, seed);
            List<Path> files = ImageFiles.list(clean);
            for (int i = 0; i < files.size() && (limit == 0 || i < limit); i++) {
                FloatImage image = ImageFiles.read(files.get(i));
                out.add(new Sample(files.get(i).getFileName().toString(), pipeline.apply(image, i).image(), image));
            }
        }
        if (out.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no images to evaluate");
        }
        return out;
    }
}
