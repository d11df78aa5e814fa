package dev.imagerestore.operators.sink;

import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.PipelineStage;
import dev.imagerestore.operators.decode.ImageEncoder;
import dev.imagerestore.operators.files.RelativePaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps images whose output already exists away from the (expensive) restoration when overwriting
 * is off: they go to {@link DeadLetter#OUTPUT_TAG} as skipped letters at stage "sink" with a reason
 * that says the output exists and how to replace it (so a restarted run reports them as skipped). With overwrite on, every image passes.
 *
 * <p>The output path comes from the same {@link ImageEncoder} the job encodes with, so the check
 * looks at the file the sink would write.
 */
public final class ExistingOutputFilter extends ProcessFunction<DecodedImage, DecodedImage> {

    private static final long serialVersionUID = 1L;

    private final String outputRoot;
    private final ImageEncoder encoder;
    private final boolean overwrite;

    public ExistingOutputFilter(Path outputRoot, ImageEncoder encoder, boolean overwrite) {
        this.outputRoot = outputRoot.toAbsolutePath().normalize().toString();
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.overwrite = overwrite;
    }

    @Override
    public void processElement(DecodedImage image, Context ctx, Collector<DecodedImage> out) {
        String output = encoder.outputPathFor(image);
        if (!overwrite && Files.exists(RelativePaths.resolve(Path.of(outputRoot), output))) {
            ctx.output(DeadLetter.OUTPUT_TAG, DeadLetter.skipped(image, PipelineStage.SINK,
                    "output " + output + " exists; pass --overwrite to replace it"));
            return;
        }
        out.collect(image);
    }
}
