package dev.imagerestore.models.cli;

import dev.imagerestore.models.degrade.Degradations;
import dev.imagerestore.models.degrade.Degraded;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The images an evaluation of restoration reads (a picocli mixin), one of: clean images degraded by a
 * named pipeline ({@code --clean DIR --degradation SPEC --seed S}, image {@code i} degraded as id
 * {@code i}), real noisy/clean pairs matched by file name ({@code --pairs NOISY CLEAN}) or real
 * photographs without a reference ({@code --images DIR}); {@code --limit N} keeps the first N in
 * file order.
 */
final class RestorationSamples {

    /**
     * One image: the degraded input and its clean reference (null for real photographs without one);
     * {@code untouched} when the pipeline left it exactly clean (its input's PSNR is infinite).
     */
    record Sample(String name, FloatImage input, FloatImage clean, boolean untouched) {

        Sample(String name, FloatImage input, FloatImage clean) {
            this(name, input, clean, false);
        }
    }

    @Option(names = "--clean", description = "Folder of clean images to degrade with --degradation.")
    Path clean;

    @Option(
            names = "--degradation",
            defaultValue = "realistic",
            paramLabel = "SPEC",
            description =
                    "realistic, realistic-camera, jpeg-grain, camera-noise, camera-jpeg, awgn:SIGMA, none or a mixture A+B@SHARE (default ${DEFAULT-VALUE}).")
    String degradation;

    @Option(
            names = "--pairs",
            arity = "2",
            paramLabel = "DIR",
            description =
                    "NOISY_DIR CLEAN_DIR: real pairs matched by file name (e.g. PolyU-dev/noisy PolyU-dev/clean).")
    List<Path> pairs;

    @Option(
            names = "--images",
            paramLabel = "DIR",
            description = "Real photographs with no reference (e.g. RNI15): only the change, the time and --sheet.")
    Path images;

    @Option(names = "--limit", defaultValue = "0", description = "Evaluate only the first N images (0 = all).")
    int limit;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the degradations and the model's noise.")
    long seed;

    /** What was read, for a report's first line. */
    String describe() {
        return pairs != null
                ? "pairs " + pairs.get(0) + " / " + pairs.get(1)
                : images != null
                        ? images + " (no reference: change from the input only)"
                        : clean + " degraded by '" + degradation + "' (seed " + seed + ")";
    }

    /**
     * Reads the images.
     *
     * @throws CommandLine.ParameterException naming the fix if not exactly one source is given, a
     *     pair lacks its clean image, a pipeline is unknown or nothing is left to evaluate
     */
    List<Sample> load(CommandSpec spec) throws IOException {
        int given = (pairs == null ? 0 : 1) + (clean == null ? 0 : 1) + (images == null ? 0 : 1);
        if (given != 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "give one of --clean DIR (with --degradation), --pairs NOISY_DIR CLEAN_DIR or --images DIR");
        }
        List<Sample> out = new ArrayList<>();
        if (images != null) {
            List<Path> files = ImageFiles.list(images);
            for (int i = 0; i < files.size() && (limit == 0 || i < limit); i++) {
                out.add(new Sample(files.get(i).getFileName().toString(), ImageFiles.read(files.get(i)), null));
            }
        } else if (pairs != null) {
            for (Path noisy : ImageFiles.list(pairs.get(0))) {
                Path reference = pairs.get(1).resolve(pairs.get(0).relativize(noisy));
                if (!Files.isRegularFile(reference)) {
                    throw new CommandLine.ParameterException(
                            spec.commandLine(),
                            "no clean image " + reference + " for " + noisy
                                    + ": --pairs needs the same file names in both folders");
                }
                out.add(new Sample(noisy.getFileName().toString(), ImageFiles.read(noisy), ImageFiles.read(reference)));
                if (limit > 0 && out.size() == limit) {
                    break;
                }
            }
        } else {
            Degradations pipeline;
            try {
                pipeline = Degradations.parse(degradation, seed);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            List<Path> files = ImageFiles.list(clean);
            for (int i = 0; i < files.size() && (limit == 0 || i < limit); i++) {
                FloatImage image = ImageFiles.read(files.get(i));
                Degraded degraded = pipeline.apply(image, i);
                out.add(new Sample(
                        files.get(i).getFileName().toString(), degraded.image(), image, degraded.untouched()));
            }
        }
        if (out.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no images to evaluate");
        }
        return out;
    }
}
