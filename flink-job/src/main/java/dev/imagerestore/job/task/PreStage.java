package dev.imagerestore.job.task;

import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.ImageTypes;
import dev.imagerestore.operators.decode.ImageDecoder;
import dev.imagerestore.operators.inpaint.AttachMasks;
import dev.imagerestore.operators.inpaint.MaskSource;
import dev.imagerestore.operators.inpaint.MaskedImage;
import dev.imagerestore.operators.source.ImageSourceBuilder;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The step of a task between the decoded images and the device stage: none (the task's records
 * are the decoded images), or an operator that attaches what the task reads beside each image
 * ({@link #masks}). An attaching step's failures (a missing or unreadable mask) become report
 * lines of their own stage. Immutable and serializable.
 */
public abstract class PreStage<IN> implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * The records of a pre-stage and the dead letters of its operator, if it has one.
     *
     * @param operator the operator's short name in the uids of its report operators ({@code mask})
     */
    public record Attached<IN>(DataStream<IN> records, Optional<DataStream<DeadLetter>> failures, String operator) {

        public Attached {
            Objects.requireNonNull(records, "records");
            Objects.requireNonNull(failures, "failures");
            Objects.requireNonNull(operator, "operator");
        }
    }

    private PreStage() {}

    /** No pre-stage: the task's records are the decoded images. */
    public static PreStage<DecodedImage> none() {
        return new PreStage<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public DecodedImage image(DecodedImage record) {
                return record;
            }

            @Override
            public void filterSources(ImageSourceBuilder source) {}

            @Override
            public Attached<DecodedImage> attach(
                    SingleOutputStreamOperator<DecodedImage> images, Path input, ImageDecoder decoder) {
                return new Attached<>(images, Optional.empty(), "none");
            }
        };
    }

    /**
     * Masks attached by relative path ({@link AttachMasks}, operator "attach masks"); sidecar masks
     * ({@code name.mask.png}) are then not inputs.
     */
    public static PreStage<MaskedImage> masks(MaskSource masks) {
        Objects.requireNonNull(masks, "masks");
        return new PreStage<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public DecodedImage image(MaskedImage record) {
                return record.image();
            }

            @Override
            public void filterSources(ImageSourceBuilder source) {
                if (masks.isSidecar()) {
                    source.optExclude(MaskSource.SIDECAR_GLOB);
                }
            }

            @Override
            public Attached<MaskedImage> attach(
                    SingleOutputStreamOperator<DecodedImage> images, Path input, ImageDecoder decoder) {
                SingleOutputStreamOperator<MaskedImage> masked = images.process(new AttachMasks(
                                masks, input.toAbsolutePath().toUri().toString(), decoder))
                        .returns(ImageTypes.MASKED_IMAGE)
                        .name("attach masks")
                        .uid("attach-masks");
                return new Attached<>(masked, Optional.of(masked.getSideOutput(DeadLetter.OUTPUT_TAG)), "mask");
            }
        };
    }

    /** The decoded image a record carries. */
    public abstract DecodedImage image(IN record);

    /** Excludes from {@code source} the files this step reads. Modifies {@code source}. */
    public abstract void filterSources(ImageSourceBuilder source);

    /** The records of {@code images} (the job's input root is {@code input}; side files decode with {@code decoder}). */
    public abstract Attached<IN> attach(
            SingleOutputStreamOperator<DecodedImage> images, Path input, ImageDecoder decoder);
}
