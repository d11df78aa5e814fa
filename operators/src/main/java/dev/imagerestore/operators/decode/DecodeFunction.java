package dev.imagerestore.operators.decode;

import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.PipelineStage;
import java.util.Objects;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decodes each {@link ImageFile} into one {@link DecodedImage} per page: one for most files, one per
 * page of a multi-page TIFF or frame of an animated GIF, decoded and emitted one at a time (see
 * {@link ImagePages}). Files that cannot be decoded go to {@link DeadLetter#OUTPUT_TAG} with the
 * decoder's message, and so does each page that cannot (its message names the page while the
 * other pages go on), so one bad file or page never fails the job. Entries the source skipped
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
        try (ImagePages pages = decoder.open(file)) {
            for (int page = 1; page <= pages.count(); page++) {
                try {
                    out.collect(pages.read(page));
                } catch (ImageDecodeException e) {
                    DeadLetter letter = DeadLetter.of(file.relativePath(), PipelineStage.DECODE, e);
                    ctx.output(DeadLetter.OUTPUT_TAG, pages.count() > 1 ? letter.onPage(page) : letter);
                }
            }
        } catch (ImageDecodeException e) {
            ctx.output(DeadLetter.OUTPUT_TAG, DeadLetter.of(file.relativePath(), PipelineStage.DECODE, e));
        }
    }
}
