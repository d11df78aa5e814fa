package dev.imagerestore.operators.sink;

import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.PipelineStage;
import dev.imagerestore.operators.ReportLine;
import dev.imagerestore.operators.decode.ImageBands;
import dev.imagerestore.operators.decode.Provenance;
import dev.imagerestore.operators.files.RelativePaths;
import dev.imagerestore.operators.report.EarlierReports;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.flink.types.Either;

/**
 * Whether an image's output may be written, for every path an image takes to its output (whole,
 * {@link ExistingOutputFilter}; as tiles, {@code SplitIntoTiles}), so that both say the same: a
 * page whose output name is an input file's, an output that exists (skipped, unless overwriting),
 * and an output an earlier, stopped run wrote and did not report (its "ok" line, recovered). See
 * {@link ExistingOutputFilter} for the rules.
 *
 * <p>Serializable configuration; the earlier reports are read once, when the first existing output
 * is met. Not thread-safe (one task thread).
 */
public final class ExistingOutputs implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String inputRoot;
    private final String outputRoot;
    private final boolean overwrite;
    private transient EarlierReports earlier;

    public ExistingOutputs(Path inputRoot, Path outputRoot, boolean overwrite) {
        this.inputRoot = inputRoot.toAbsolutePath().normalize().toString();
        this.outputRoot = outputRoot.toAbsolutePath().normalize().toString();
        this.overwrite = overwrite;
    }

    /**
     * The line of page {@code page} of {@code pages} of {@code relativePath} ({@code width x height})
     * whose output is {@code output}, when it is not to be restored: a recovered "ok" line (left) or
     * a dead letter (right); empty when it is to be restored.
     */
    public Optional<Either<ReportLine, DeadLetter>> verdict(
            String relativePath, int page, int pages, String output, int width, int height) {
        if (pages > 1) {
            String pagePath = DecodedImage.pagePath(relativePath, page);
            if (Files.exists(RelativePaths.resolve(Path.of(inputRoot), pagePath))) {
                return Optional.of(Either.Right(new DeadLetter(
                                relativePath,
                                PipelineStage.SINK,
                                "its output name " + output + " is also that of the input file " + pagePath
                                        + ", which is restored instead; rename one of them and run again to restore this page")
                        .aboutPage(page, pages)));
            }
        }
        Path target = RelativePaths.resolve(Path.of(outputRoot), output);
        if (overwrite || !Files.exists(target)) {
            return Optional.empty();
        }
        if (unreported(earlier(), output, target, relativePath)) {
            return Optional.of(
                    Either.Left(ReportLine.recovered(relativePath, pages > 1 ? page : 0, output, width, height)));
        }
        return Optional.of(Either.Right(DeadLetter.skipped(
                        relativePath,
                        PipelineStage.SINK,
                        "output " + output + " exists; pass --overwrite to replace it")
                .aboutPage(page, pages)));
    }

    /** The earlier reports of the output folder, read when the first existing output is met. */
    private EarlierReports earlier() {
        if (earlier == null) {
            earlier = EarlierReports.ofOutput(Path.of(outputRoot));
        }
        return earlier;
    }

    /**
     * Whether the existing output {@code output} at {@code target} is one an earlier run into this
     * folder restored from {@code input} and stopped before reporting: no earlier report has its
     * "ok" line, and its provenance record says it was derived from {@code input}. Reads the output's
     * header and metadata only, never its pixels.
     */
    static boolean unreported(EarlierReports earlier, String output, Path target, String input) {
        if (earlier.reportedOk(output)) {
            return false;
        }
        try (ImageBands bands = ImageBands.open(
                ImageFile.located(target.getFileName().toString(), Files.size(target), 0, target.toAbsolutePath()))) {
            ImageBands.Page page = bands.page(1);
            Optional<String> source = Provenance.derivedFrom(bands.metadata(1, page.channels()));
            return source.isPresent() && source.get().equals(input);
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }
}
