package dev.imagerestore.operators.decode;

import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.PipelineStage;
import java.util.Objects;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decodes each {@link ImageFile} into one {@link DecodedImage} per page: one for most files, one per
 * page of a multi-page TIFF or frame of an animated GIF, decoded and emitted one at a time (see
 * {@link ImagePages}). Files that cannot be decoded go to {@link DeadLetter#OUTPUT_TAG} with the
 * decoder's message, and so does each page that cannot (its message names the page while the
 * other pages go on), so one bad file or page never fails the job. Entries the source skipped
 * ({@link ImageFile#isSkipped()}) become skipped letters at stage "source", with the source's reason.
 * Every record and letter it emits becomes exactly one report line later, so it counts them in the
 * accumulator {@value #ADMITTED}: the lines to come, from which a client shows what is in progress.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<DecodedImage> decoded = files.process(new DecodeFunction(decoder));
 * DataStream<DeadLetter> failed = decoded.getSideOutput(DeadLetter.OUTPUT_TAG);
 * }</pre>
 */
public final class DecodeFunction extends ProcessFunction<ImageFile, DecodedImage> {

    private static final long serialVersionUID = 1L;

    /** The accumulator of the records and letters emitted: each becomes one report line. */
    public static final String ADMITTED = "report.admitted";

    private final ImageDecoder decoder;
    private transient LongCounter admitted;

    public DecodeFunction(ImageDecoder decoder) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
    }

    @Override
    public void open(OpenContext openContext) {
        admitted = getRuntimeContext().getLongCounter(ADMITTED);
    }

    @Override
    public void processElement(ImageFile file, Context ctx, Collector<DecodedImage> out) {
        if (file.isSkipped()) {
            letter(
                    ctx,
                    DeadLetter.skipped(
                            file.relativePath(),
                            PipelineStage.SOURCE,
                            file.withheldReason().orElseThrow()));
            return;
        }
        try (ImagePages pages = decoder.open(file)) {
            for (int page = 1; page <= pages.count(); page++) {
                DecodedImage image;
                try {
                    image = pages.read(page);
                } catch (ImageDecodeException e) {
                    DeadLetter letter = DeadLetter.of(file.relativePath(), PipelineStage.DECODE, e);
                    letter(ctx, pages.count() > 1 ? letter.onPage(page) : letter);
                    continue;
                }
                admitted.add(1L);
                out.collect(image);
            }
        } catch (ImageDecodeException e) {
            letter(ctx, DeadLetter.of(file.relativePath(), PipelineStage.DECODE, e));
        }
    }

    private void letter(Context ctx, DeadLetter letter) {
        admitted.add(1L);
        ctx.output(DeadLetter.OUTPUT_TAG, letter);
    }
}
