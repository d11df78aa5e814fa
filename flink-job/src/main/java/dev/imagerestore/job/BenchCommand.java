package dev.imagerestore.job;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.imagerestore.job.samples.SampleGenerator;
import dev.imagerestore.job.task.DenoiseTask;
import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.models.io.ModelLocation;
import dev.imagerestore.models.restore.Denoiser;
import dev.imagerestore.models.restore.TileBatchDenoiser;
import dev.imagerestore.models.restore.TileGrid;
import dev.imagerestore.models.restore.TileInput;
import dev.imagerestore.models.restore.TileRegion;
import dev.imagerestore.models.runtime.OpenMpWaitPolicy;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.operators.inference.DeviceOption;
import dev.imagerestore.operators.inference.InferenceOptions;
import dev.imagerestore.operators.inference.InferenceSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: the job's throughput against the bare model loop on the same tiles, in one run.
 *
 * <p>Generates {@code --images} synthetic noisy images, then (1) runs the tiles of all of them
 * through the models library's {@link TileBatchDenoiser} in a plain loop (same model, tile size,
 * overlap and batch as the job; one warm-up batch first) and (2) runs the whole restoration job on
 * the embedded mini cluster over the same folder. Both are reported in input megapixels per second,
 * with their ratios. The job is measured two ways:
 * <ul>
 *   <li>end to end: wall clock from submission to the last commit, Flink's and the model's start-up
 *       included (a few seconds, which a short bench does not amortise);
 *   <li>after start-up: all images over the time from the first image entering the restore stage to
 *       the last restored file reaching the sink. A file's modification time is when its sink writer
 *       wrote it (the commit only renames it), and it entered the stage its report line's
 *       {@code denoise} milliseconds before it was encoded and written, so every image lies wholly
 *       inside the interval (pipeline fill and drain included: a conservative rate). Start-up is left
 *       out as the bare loop leaves out loading the model and its warm-up batch; tiling, batching,
 *       stitching, encoding and writing are all inside.
 * </ul>
 * The bench runs {@code --rounds} rounds, alternating bare loop and job (bare, job, bare, ...,
 * job, bare): each round's ratios use the mean of the two bare loops around its job, so a machine
 * whose speed drifts during the bench (shared hosts do, up to 2x within minutes here) biases
 * neither side, and the reported ratios are the medians over the rounds. Both run in
 * this one process with the same OpenMP settings ({@link OpenMpWaitPolicy}), since OpenMP takes
 * them once per process. The generated
 * images and outputs live in a temporary folder that is deleted afterwards.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Throughput of the restoration job versus the bare model loop on the same generated images.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--images", defaultValue = "24", description = "Generated images (default ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--width", defaultValue = "768", description = "Image width (default ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "512", description = "Image height (default ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--model", defaultValue = ModelLocation.DEFAULT_DIRECTORY, description = "Model directory.")
    Path model;

    @Option(
            names = "--tile-size",
            defaultValue = "" + Denoiser.DEFAULT_TILE_SIZE,
            description = "Tile side (default ${DEFAULT-VALUE}).")
    int tileSize;

    @Option(
            names = "--overlap",
            defaultValue = "" + Denoiser.DEFAULT_OVERLAP,
            description = "Tile overlap (default ${DEFAULT-VALUE}).")
    int overlap;

    @Option(names = "--batch", defaultValue = "4", description = "Tiles per forward pass (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--threads", defaultValue = "0", description = "Intra-op threads, 0 = all cores.")
    int threads;

    @Option(
            names = "--parallelism",
            defaultValue = "0",
            description = "Job parallelism, 0 = restore's default (Flink's: one per core) (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--sigma",
            defaultValue = "25",
            description = "Noise level given to both (default ${DEFAULT-VALUE}).")
    double sigma;

    @Option(
            names = "--rounds",
            defaultValue = "3",
            description =
                    "Job runs, each between two bare loops; the ratios are the medians (default ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() throws Exception {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be >= 1, got " + rounds);
        }
        Path work = Files.createTempDirectory("imagerestore-bench-");
        Path input = Files.createDirectories(work.resolve("input"));
        SampleGenerator generator = new SampleGenerator(7);
        List<FloatImage> generated = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            FloatImage image = generator.noisyScene(width, height, i, sigma);
            ImageFiles.write(image, input.resolve(String.format("bench-%03d.png", i)));
            generated.add(ImageFiles.read(input.resolve(String.format("bench-%03d.png", i))));
        }
        double megapixels = (double) images * width * height / 1e6;
        // One OpenMP policy per process, the same for both sides, set before PyTorch loads.
        String policy = OpenMpWaitPolicy.boundedSpinUnlessSet();
        System.out.printf(
                "bench: %d images of %dx%d (%.1f MP), tile %d, overlap %d, batch %d, sigma %.0f, " + "OpenMP %s%n",
                images, width, height, megapixels, tileSize, overlap, batch, sigma, policy);
        try {
            double[] endToEnd = new double[rounds];
            double[] afterStartUp = new double[rounds];
            double bareBefore = megapixels / bareLoopSeconds(generated);
            System.out.printf("bare model loop: %.3f MP/s%n", bareBefore);
            for (int round = 0; round < rounds; round++) {
                Path output = work.resolve("output-" + round);
                double job = megapixels / jobSeconds(input, output);
                double seconds = secondsAfterStartUp(output);
                double steady = megapixels / seconds;
                String timings = meanTimings(output);
                double bareAfter = megapixels / bareLoopSeconds(generated);
                double bare = (bareBefore + bareAfter) / 2;
                endToEnd[round] = job / bare;
                afterStartUp[round] = steady / bare;
                System.out.printf(
                        "round %d: flink job end to end %.3f MP/s, after start-up %.3f MP/s (%.1f s from the "
                                + "first image entering the restore stage to the last file written; per image: %s)%n",
                        round + 1, job, steady, seconds, timings);
                System.out.printf(
                        "bare model loop: %.3f MP/s; round %d ratios job/bare (bare = mean of the loops "
                                + "around the job, %.3f MP/s): end to end %.3f, after start-up %.3f%n",
                        bareAfter, round + 1, bare, endToEnd[round], afterStartUp[round]);
                bareBefore = bareAfter;
            }
            System.out.printf(
                    "ratio job/bare, median of %d rounds: end to end %.3f, after start-up %.3f%n",
                    rounds, median(endToEnd), median(afterStartUp));
            return 0;
        } finally {
            deleteRecursively(work);
        }
    }

    /**
     * Seconds from the first image entering the restore stage to the last restored file being written,
     * from the run report and the files' modification times; fails unless every image was restored.
     */
    private double secondsAfterStartUp(Path output) throws IOException {
        long entered = Long.MAX_VALUE;
        long written = Long.MIN_VALUE;
        int restored = 0;
        try (Stream<Path> reports = Files.list(output.resolve("_report"))) {
            for (Path report :
                    reports.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(report)) {
                    JsonObject entry = JsonParser.parseString(line).getAsJsonObject();
                    if (!"ok".equals(entry.get("status").getAsString())) {
                        throw new IllegalStateException("the bench job failed on an image: " + line);
                    }
                    long done = Files.getLastModifiedTime(
                                    output.resolve(entry.get("output").getAsString()))
                            .toMillis();
                    long restoring = entry.getAsJsonObject("timingsMs")
                            .get(DenoiseTask.NAME)
                            .getAsLong();
                    entered = Math.min(entered, done - restoring);
                    written = Math.max(written, done);
                    restored++;
                }
            }
        }
        if (restored != images) {
            throw new IllegalStateException(
                    "the job restored " + restored + " of " + images + " images into " + output);
        }
        return (written - entered) / 1e3;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The mean of each stage's milliseconds over the run report's lines, e.g. "decode 14 ms, denoise 2100 ms". */
    private static String meanTimings(Path output) throws IOException {
        Map<String, double[]> sums = new LinkedHashMap<>();
        try (Stream<Path> reports = Files.list(output.resolve("_report"))) {
            for (Path report :
                    reports.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(report)) {
                    JsonObject timings =
                            JsonParser.parseString(line).getAsJsonObject().getAsJsonObject("timingsMs");
                    for (String stage : timings.keySet()) {
                        double[] sum = sums.computeIfAbsent(stage, k -> new double[2]);
                        sum[0] += timings.get(stage).getAsLong();
                        sum[1]++;
                    }
                }
            }
        }
        StringJoiner text = new StringJoiner(", ");
        sums.forEach((stage, sum) -> text.add(String.format(Locale.ROOT, "%s %.0f ms", stage, sum[0] / sum[1])));
        return text.toString();
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private double bareLoopSeconds(List<FloatImage> generated) throws Exception {
        TorchThreads.configure(threads);
        try (DiffusionModel loaded = ModelLocation.load(model, BenchCommand.class.getClassLoader());
                TileBatchDenoiser tiles = Denoiser.builder()
                        .setModel(loaded)
                        .optTileSize(tileSize)
                        .optOverlap(overlap)
                        .optBatchSize(batch)
                        .build()
                        .openBatchDenoiser()) {
            List<TileInput> all = new ArrayList<>();
            int multiple = loaded.sizeMultiple();
            for (int i = 0; i < generated.size(); i++) {
                FloatImage image = generated.get(i);
                TileGrid grid = TileGrid.cover(image.height(), image.width(), tileSize, overlap, multiple);
                for (TileRegion tile : grid.tiles()) {
                    all.add(new TileInput(grid.extract(image, tile, 3), tile.size(), sigma, i, tile.y(), tile.x()));
                }
            }
            tiles.denoise(all.subList(0, Math.min(batch, all.size())));
            long start = System.nanoTime();
            for (int from = 0; from < all.size(); from += batch) {
                tiles.denoise(all.subList(from, Math.min(all.size(), from + batch)));
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private double jobSeconds(Path input, Path output) throws Exception {
        Configuration config = new Configuration();
        config.set(InferenceOptions.DEVICE, DeviceOption.CPU);
        config.set(InferenceOptions.CPU_THREADS, threads);
        config.set(InferenceOptions.TILE_SIZE, tileSize);
        config.set(InferenceOptions.OVERLAP, overlap);
        config.set(InferenceOptions.MAX_BATCH, batch);
        int multiple = ModelLocation.readCard(model, BenchCommand.class.getClassLoader())
                .architecture()
                .sizeMultiple();
        InferenceSettings inference = InferenceSettings.from(config);
        DenoiseTask task = DenoiseTask.builder(model, inference, multiple)
                .optSigma(OptionalDouble.of(sigma))
                .build();
        RestoreJobSpec spec = new RestoreJobSpec(
                input,
                output,
                task,
                Optional.empty(),
                Duration.ofSeconds(10),
                List.of(),
                List.of(),
                Long.MAX_VALUE,
                Optional.empty(),
                false,
                inference,
                parallelism);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        RestoreJob.define(env, spec);
        long start = System.nanoTime();
        env.execute("bench");
        return (System.nanoTime() - start) / 1e9;
    }
}
