package dev.imagerestore.operators.sink;

import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.ImageTypes;
import dev.imagerestore.operators.ReportLine;
import dev.imagerestore.operators.decode.ImageEncoder;
import dev.imagerestore.operators.decode.Provenance;
import dev.imagerestore.operators.report.EarlierReports;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps images whose output already exists away from the (expensive) restoration when overwriting
 * is off: they go to {@link DeadLetter#OUTPUT_TAG} as skipped letters at stage "sink" with a reason
 * that says the output exists and how to replace it (so a restarted run reports them as skipped). With overwrite on, every image passes.
 *
 * <p>The rules are {@link ExistingOutputs}', which images that flow as tiles follow too. The output
 * path comes from the same {@link ImageEncoder} the job encodes with, so the check
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

    private static final long serialVersionUID = 2L;

    private final ImageEncoder encoder;
    private final ExistingOutputs outputs;

    /** A filter for a run from {@code inputRoot} into {@code outputRoot}, naming outputs with {@code encoder}. */
    public ExistingOutputFilter(Path inputRoot, Path outputRoot, ImageEncoder encoder, boolean overwrite) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.outputs = new ExistingOutputs(inputRoot, outputRoot, overwrite);
    }

    @Override
    public void processElement(DecodedImage image, Context ctx, Collector<DecodedImage> out) {
        Optional<Either<ReportLine, DeadLetter>> verdict = outputs.verdict(
                image.relativePath(),
                image.page(),
                image.pages(),
                encoder.outputPathFor(image),
                image.width(),
                image.height());
        if (verdict.isEmpty()) {
            out.collect(image);
        } else if (verdict.get().isLeft()) {
            ctx.output(RECOVERED, verdict.get().left());
        } else {
            ctx.output(DeadLetter.OUTPUT_TAG, verdict.get().right());
        }
    }
}
