package dev.imagerestore.job;

import dev.imagerestore.job.internal.GcLog;
import dev.imagerestore.job.internal.PeakMemory;
import dev.imagerestore.job.samples.LargeScan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench-large}: memory and time of {@code restore} on scans too large to hold whole, each run
 * in its own JVM with a fixed heap, its peak resident memory read from the kernel.
 *
 * <p>Writes synthetic scans ({@link LargeScan}: a 16-bit uncompressed TIFF at each size, and an 8-bit
 * JPEG at the largest) into a work folder, then runs {@code restore} on each, one image per run, in a
 * child JVM ({@code java -Xmx... restore ...}), and prints per run the wall time and the peak resident
 * set size ({@code VmHWM} of {@code /proc/PID/status}, polled while it runs, the largest over the
 * child and its descendants) and the largest Java heap in use after a marking (from the JVM's own GC
 * log, {@link GcLog}: about what the run holds, where the resident size also counts the heap the
 * JVM grew into up to {@code -Xmx}). Then, from the same runs: both at the largest size over the
 * smallest (memory flat in image size is about 1), and the time of the largest TIFF at
 * parallelism 2 over parallelism 1 (both slots working on one image is about 0.5 where the device
 * runs two chunks at once).
 */
@Command(
        name = "bench-large",
        mixinStandardHelpOptions = true,
        description = "Peak memory and time of restore on generated scans of 25-100+ megapixels, each in its own JVM.")
final class BenchLargeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--megapixels",
            split = ",",
            defaultValue = "25,100",
            description = "Scan sizes in megapixels, 4:5 (default ${DEFAULT-VALUE}).")
    List<Double> megapixels;

    @Option(
            names = "--tasks",
            split = ",",
            defaultValue = "restore,denoise",
            description = "Tasks to run on each scan: those that flow as tiles (default ${DEFAULT-VALUE}).")
    List<String> tasks;

    @Option(
            names = "--heap",
            defaultValue = "768m",
            description = "-Xmx of each restore JVM, the same at every size so that memory flat in size shows "
                    + "(default ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--model", description = "Model directory (default: the task's).")
    Path model;

    @Option(names = "--threads", defaultValue = "0", description = "--threads of each run (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(
            names = "--cpu-worker-per-slot",
            description = "Give each run --cpu-workers equal to its parallelism, so that on a CPU every slot runs "
                    + "its own copy of the model (with --threads 1: one core each).")
    boolean cpuWorkerPerSlot;

    @Option(
            names = "--parallelism",
            split = ",",
            defaultValue = "1,2",
            description =
                    "Parallelisms the largest TIFF runs at (default ${DEFAULT-VALUE}); the others run at the first.")
    List<Integer> parallelisms;

    @Option(
            names = "--work",
            description = "Folder for the scans and outputs (default: a temporary folder, deleted afterwards).")
    Path work;

    @Option(
            names = "--formats",
            split = ",",
            defaultValue = "tiff,jpeg",
            description = "Formats of the largest scan: tiff, or tiff and jpeg (default ${DEFAULT-VALUE}); smaller "
                    + "scans are TIFFs.")
    List<String> formats;

    @Option(names = "--restore-option", description = "An extra option for every restore run, e.g. --tile-size=128.")
    List<String> extra = new ArrayList<>();

    /** One measured run; {@code liveBytes} is the largest Java heap in use after a marking ({@link GcLog}). */
    record Run(
            String task,
            String scan,
            double megapixels,
            int parallelism,
            double seconds,
            long peakBytes,
            long liveBytes,
            int exit) {}

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!formats.contains("tiff") || !List.of("tiff", "jpeg").containsAll(formats)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--formats takes tiff, or tiff,jpeg (the comparisons are made on the TIFFs), got " + formats);
        }
        boolean temporary = work == null;
        Path folder = temporary ? Files.createTempDirectory("bench-large") : Files.createDirectories(work);
        try {
            List<Run> runs = new ArrayList<>();
            double largest =
                    megapixels.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            double smallest =
                    megapixels.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            for (double mp : megapixels) {
                for (String format : mp == largest ? formats : List.of("tiff")) {
                    Path scan = scan(folder, mp, format);
                    for (String task : tasks) {
                        List<Integer> levels =
                                mp == largest && format.equals("tiff") ? parallelisms : List.of(parallelisms.get(0));
                        for (int parallelism : levels) {
                            runs.add(run(folder, scan, mp, task, parallelism));
                        }
                    }
                }
            }
            summarise(runs, smallest, largest);
            return runs.stream().allMatch(r -> r.exit() == 0) ? 0 : 1;
        } finally {
            if (temporary) {
                delete(folder);
            }
        }
    }

    private static Path scan(Path folder, double mp, String format) throws IOException {
        int width = (int) Math.round(Math.sqrt(mp * 1e6 * 4 / 5));
        int height = (int) Math.round(mp * 1e6 / width);
        String name = String.format(Locale.ROOT, "scan-%.0fmp.%s", mp, format.equals("tiff") ? "tif" : "jpg");
        Path input = Files.createDirectories(folder.resolve("in-" + name));
        Path file = input.resolve(name);
        long start = System.nanoTime();
        new LargeScan(width, height, 7).write(file, format);
        System.out.printf(
                Locale.ROOT,
                "wrote %s: %dx%d, %.0f MB, in %.0f s%n",
                name,
                width,
                height,
                Files.size(file) / 1e6,
                (System.nanoTime() - start) / 1e9);
        return file;
    }

    private Run run(Path folder, Path scan, double mp, String task, int parallelism)
            throws IOException, InterruptedException {
        Path output = folder.resolve("out-" + task + "-p" + parallelism + "-" + scan.getFileName());
        delete(output);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                "-Xlog:gc:file=" + gcLog(folder, output),
                "-cp",
                Path.of(BenchLargeCommand.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .getPath())
                        .toString(),
                ImageRestorationCli.class.getName(),
                "restore",
                "--task",
                task,
                "--input",
                scan.getParent().toString(),
                "--output",
                output.toString(),
                "--parallelism",
                "" + parallelism,
                "--threads",
                "" + threads,
                "--progress",
                "none"));
        if (model != null) {
            command.addAll(List.of("--model", model.toString()));
        }
        if (cpuWorkerPerSlot) {
            command.addAll(List.of("--cpu-workers", "" + parallelism));
        }
        command.addAll(extra);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        folder.resolve("log-" + output.getFileName() + ".txt").toFile());
        builder.environment().put("LC_ALL", "C.UTF-8");
        long start = System.nanoTime();
        Process process = builder.start();
        PeakMemory peak = PeakMemory.watch(process.toHandle(), Duration.ofMillis(100));
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        long bytes = peak.stop();
        long live = GcLog.largestHeapAfterMarking(gcLog(folder, output));
        Run run = new Run(task, scan.getFileName().toString(), mp, parallelism, seconds, bytes, live, exit);
        System.out.printf(
                Locale.ROOT,
                "%-8s %-18s parallelism %d: %7.1f s, peak RSS %5.2f GB, heap in use after marking at most %5.2f GB%s%n",
                task,
                run.scan(),
                parallelism,
                seconds,
                bytes / 1e9,
                live / 1e9,
                exit == 0
                        ? ""
                        : ", exit code " + exit + " (see " + folder.resolve("log-" + output.getFileName()) + ".txt)");
        return run;
    }

    private static Path gcLog(Path folder, Path output) {
        return folder.resolve("gc-" + output.getFileName() + ".log");
    }

    private void summarise(List<Run> runs, double smallest, double largest) {
        System.out.println();
        for (String task : tasks) {
            List<Run> tiffs = runs.stream()
                    .filter(r -> r.task().equals(task)
                            && r.scan().endsWith(".tif")
                            && r.parallelism() == parallelisms.get(0))
                    .toList();
            Run small = tiffs.stream()
                    .filter(r -> r.megapixels() == smallest)
                    .findFirst()
                    .orElseThrow();
            Run large = tiffs.stream()
                    .filter(r -> r.megapixels() == largest)
                    .findFirst()
                    .orElseThrow();
            long worst = runs.stream()
                    .filter(r -> r.task().equals(task))
                    .mapToLong(Run::peakBytes)
                    .max()
                    .orElseThrow();
            System.out.printf(
                    Locale.ROOT,
                    "%s: largest peak RSS %.2f GB with -Xmx%s; at %.0f MP / at %.0f MP: peak RSS %.2f, heap in use "
                            + "after marking %.2f%n",
                    task,
                    worst / 1e9,
                    heap,
                    largest,
                    smallest,
                    (double) large.peakBytes() / small.peakBytes(),
                    (double) large.liveBytes() / small.liveBytes());
            if (parallelisms.size() > 1) {
                Run last = runs.stream()
                        .filter(r -> r.task().equals(task)
                                && r.scan().equals(large.scan())
                                && r.parallelism() == parallelisms.get(parallelisms.size() - 1))
                        .findFirst()
                        .orElseThrow();
                System.out.printf(
                        Locale.ROOT,
                        "%s: %.0f MP at parallelism %d took %.2f of the time at parallelism %d%n",
                        task,
                        largest,
                        last.parallelism(),
                        last.seconds() / large.seconds(),
                        large.parallelism());
            }
        }
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
