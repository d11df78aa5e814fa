package dev.imagerestore.operators.sink;

import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.ImageTypes;
import dev.imagerestore.operators.PipelineStage;
import dev.imagerestore.operators.ReportLine;
import dev.imagerestore.operators.decode.ImageBands;
import dev.imagerestore.operators.decode.ImageEncoder;
import dev.imagerestore.operators.decode.Provenance;
import dev.imagerestore.operators.files.RelativePaths;
import dev.imagerestore.operators.report.EarlierReports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps images whose output already exists away from the (expensive) restoration when overwriting
 * is off: they go to {@link DeadLetter#OUTPUT_TAG} as skipped letters at stage "sink" with a reason
 * that says the output exists and how to replace it (so a restarted run reports them as skipped). With overwrite on, every image passes.
 *
 * <p>The output path comes from the same {@link ImageEncoder} the job encodes with, so the check
 * looks at the file the sink would write. A page of a multi-page file whose output name
 * ({@code NAME.page-NNN.EXT}) is also the name of an input file beside it fails with a line that
 * says so, and the input file is restored under that name: neither replaces the other in silence.
 *
 * <p><b>Outputs of a stopped run.</b> A run killed after it wrote an output and before its report
 * line was committed leaves a file that no report names. When an output exists, no earlier report in
 * the folder has an "ok" line for it ({@link EarlierReports}), and its provenance record says this
 * project restored it from this very input ({@link Provenance#derivedFrom}), the file is that run's
 * finished work: it is kept, not redone, and its "ok" line ({@link ReportLine#recovered}) goes to
 * {@link #RECOVERED}. So an image stopped and resumed any number of times has exactly one "ok" line
 * over all the folder's reports. Any other existing output (one an earlier report names, or a file
 * this project did not write from this input) is skipped as above.
 */
public final class ExistingOutputFilter extends ProcessFunction<DecodedImage, DecodedImage> {

    /** Where the "ok" lines of outputs that a stopped run wrote and did not report go. */
    public static final OutputTag<ReportLine> RECOVERED = new OutputTag<>("recovered-outputs", ImageTypes.REPORT_LINE);

    private static final long serialVersionUID = 1L;

    private final String outputRoot;
    private final String inputRoot;
    private final ImageEncoder encoder;
    private final boolean overwrite;
    private transient EarlierReports earlier;

    /** A filter for a run from {@code inputRoot} into {@code outputRoot}, naming outputs with {@code encoder}. */
    public ExistingOutputFilter(Path inputRoot, Path outputRoot, ImageEncoder encoder, boolean overwrite) {
        this.inputRoot = inputRoot.toAbsolutePath().normalize().toString();
        this.outputRoot = outputRoot.toAbsolutePath().normalize().toString();
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.overwrite = overwrite;
    }

    @Override
    public void processElement(DecodedImage image, Context ctx, Collector<DecodedImage> out) {
        String output = encoder.outputPathFor(image);
        if (image.isPageOfMany() && Files.exists(RelativePaths.resolve(Path.of(inputRoot), image.pagePath()))) {
            ctx.output(
                    DeadLetter.OUTPUT_TAG,
                    DeadLetter.of(
                            image,
                            PipelineStage.SINK,
                            new IllegalStateException(
                                    "its output name " + output + " is also that of the input file " + image.pagePath()
                                            + ", which is restored instead; rename one of them and run again to restore this page")));
            return;
        }
        Path target = RelativePaths.resolve(Path.of(outputRoot), output);
        if (!overwrite && Files.exists(target)) {
            if (unreported(earlier(), output, target, image.relativePath())) {
                ctx.output(RECOVERED, ReportLine.recovered(image, output));
            } else {
                ctx.output(
                        DeadLetter.OUTPUT_TAG,
                        DeadLetter.skipped(
                                image,
                                PipelineStage.SINK,
                                "output " + output + " exists; pass --overwrite to replace it"));
            }
            return;
        }
        out.collect(image);
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
    public static boolean unreported(EarlierReports earlier, String output, Path target, String input) {
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
