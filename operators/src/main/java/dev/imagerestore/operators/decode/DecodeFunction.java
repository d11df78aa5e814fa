package dev.imagerestore.operators.decode;

import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.PipelineStage;
import java.util.Objects;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decodes each {@link ImageFile}; files that cannot be decoded go to {@link DeadLetter#OUTPUT_TAG}
 * with the decoder's message, so one bad file never fails the job. Entries the source skipped
 * ({@link ImageFile#isSkipped()}) become skipped letters at stage "source", with the source's reason.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<DecodedImage> decoded = files.process(new DecodeFunction(decoder));
 * DataStream<DeadLetter> failed = decoded.getSideOutput(DeadLetter.OUTPUT_TAG);
 * }</pre>
 */
public final class DecodeFunction extends ProcessFunction<ImageFile, DecodedImage> {

    private static final long serialVersionUID = 1L;

    private final ImageDecoder decoder;

    public DecodeFunction(ImageDecoder decoder) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
    }

    @Override
    public void processElement(ImageFile file, Context ctx, Collector<DecodedImage> out) {
        if (file.isSkipped()) {
            ctx.output(DeadLetter.OUTPUT_TAG, DeadLetter.skipped(file.relativePath(), PipelineStage.SOURCE,
                    file.withheldReason().orElseThrow()));
            return;
        }
        try {
            out.collect(decoder.decode(file));
        } catch (ImageDecodeException e) {
            ctx.output(DeadLetter.OUTPUT_TAG, DeadLetter.of(file.relativePath(), PipelineStage.DECODE, e));
        }
    }
}
