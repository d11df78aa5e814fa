package dev.imagerestore.operators.sink;

import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.PipelineStage;
import dev.imagerestore.operators.RestoredImage;
import dev.imagerestore.operators.files.RealPaths;
import dev.imagerestore.operators.files.RelativePaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Prepares each restored image's place under the output root before the sink writes it, and turns
 * what would make the write fail into a dead letter (stage "sink") for that file alone: a name above
 * the file systems' limit of {@value #NAME_MAX} bytes, a file (or a link out of the output) where an
 * output folder should be, a folder that cannot be created or is read-only, a symbolic link at the
 * output path (the job never writes through a link). The images that pass have their folders
 * created, so the sink's writer only writes and renames.
 *
 * <p>What changes between this check and the write (a folder made read-only meanwhile, a full disk)
 * is still caught by {@link WriteRestoredFiles}, which fails that file's line.
 */
public final class OutputPreflight extends ProcessFunction<RestoredImage, RestoredImage> {

    /** The longest file name, in bytes, that common file systems accept (POSIX NAME_MAX). */
    public static final int NAME_MAX = 255;

    private static final long serialVersionUID = 1L;

    private final String outputRoot;

    public OutputPreflight(Path outputRoot) {
        this.outputRoot = RealPaths.of(outputRoot).toString();
    }

    @Override
    public void processElement(RestoredImage image, Context ctx, Collector<RestoredImage> out) {
        Optional<String> problem = problem(image.outputPath());
        if (problem.isPresent()) {
            ctx.output(
                    DeadLetter.OUTPUT_TAG,
                    new DeadLetter(image.inputPath(), PipelineStage.SINK, problem.get(), false, image.page()));
        } else {
            out.collect(image);
        }
    }

    private Optional<String> problem(String outputPath) {
        Path root = Path.of(outputRoot);
        Path target = RelativePaths.resolve(root, outputPath);
        int nameBytes = target.getFileName().toString().getBytes(StandardCharsets.UTF_8).length;
        if (nameBytes > NAME_MAX) {
            return Optional.of("output name " + outputPath + " is " + nameBytes + " bytes, above the file system "
                    + "limit of " + NAME_MAX + " (NAME_MAX); shorten the input's name");
        }
        Optional<String> folders = folders(root, target.getParent());
        if (folders.isPresent()) {
            return folders;
        }
        if (Files.isSymbolicLink(target)) {
            return Optional.of("output " + outputPath + " is a symbolic link; the job never writes through links, "
                    + "remove it to restore this file");
        }
        if (!Files.isWritable(target.getParent())) {
            return Optional.of("output folder " + root.relativize(target.getParent()) + " is not writable "
                    + "(permission denied or read-only); make it writable to restore this file");
        }
        return Optional.empty();
    }

    private static boolean within(Path link, Path root) {
        try {
            return link.toRealPath().startsWith(root);
        } catch (IOException dangling) {
            return false;
        }
    }

    /** Checks the folders from the root down to {@code parent} and creates the missing ones. */
    private static Optional<String> folders(Path root, Path parent) {
        Path folder = root;
        for (Path segment : root.relativize(parent)) {
            folder = folder.resolve(segment);
            if (Files.isSymbolicLink(folder) && !within(folder, root)) {
                return Optional.of(
                        "output folder " + root.relativize(folder) + " is a symbolic link out of the "
                                + "output folder or to nothing; the job never writes through it, remove it to restore this file");
            }
            if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(folder)) {
                return Optional.of("a file is where the output folder " + root.relativize(folder) + " should be; "
                        + "move it away to restore this file");
            }
        }
        try {
            Files.createDirectories(parent);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot create output folder " + root.relativize(parent) + ": " + e);
        }
    }
}
