package dev.imagerestore.models.cli;

import dev.imagerestore.models.depth.DepthResolver;
import dev.imagerestore.models.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The images a translation evaluation reads (a picocli mixin): {@code --clean DIR} searched
 * recursively in file order, depth sidecars left out, and {@code --skip N --limit M}. Image {@code i}
 * of the selection keeps id {@code skip + i}, its place in the whole list, so that runs split over
 * processes draw the same noise as one run.
 */
final class CleanImages {

    @Option(
            names = "--clean",
            required = true,
            description = "Folder of images (searched recursively; *.depth.png skipped).")
    Path folder;

    @Option(
            names = "--skip",
            defaultValue = "0",
            description = "Skip the first N images, in file order (default ${DEFAULT-VALUE}).")
    int skip;

    @Option(
            names = "--limit",
            defaultValue = "0",
            description = "Evaluate only the first N images after --skip (0 = all).")
    int limit;

    /**
     * The selected images.
     *
     * @throws CommandLine.ParameterException naming the values if --skip or --limit is negative or
     *     nothing is left to evaluate
     */
    List<Path> select(CommandSpec spec) throws IOException {
        if (skip < 0 || limit < 0) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--skip and --limit must be >= 0, got " + skip + " and " + limit);
        }
        List<Path> all = ImageFiles.list(folder).stream()
                .filter(f -> !DepthResolver.isSidecar(f))
                .toList();
        if (all.size() <= skip) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "no images found under " + folder
                            + (skip > 0 ? " after skipping " + skip + " (it holds " + all.size() + ")" : ""));
        }
        return all.subList(skip, limit > 0 ? Math.min(all.size(), skip + limit) : all.size());
    }

    /**
     * The first {@code limit} images under {@code folder} (all of them for 0), in file order: the
     * selection of the evaluations whose image {@code i} draws from seed {@code + i}.
     *
     * @throws CommandLine.ParameterException naming the value if {@code limit} is negative or the
     *     folder holds no image
     */
    static List<Path> first(CommandSpec spec, Path folder, int limit) throws IOException {
        if (limit < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be >= 0, got " + limit);
        }
        List<Path> files = ImageFiles.list(folder);
        if (files.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no images found under " + folder);
        }
        return limit > 0 && files.size() > limit ? files.subList(0, limit) : files;
    }

    /** The folder given with --clean; the images' names relative to it key their depth files. */
    Path folder() {
        return folder;
    }

    /** The id of image {@code index} of the selection. */
    long id(int index) {
        return skip + index;
    }
}
