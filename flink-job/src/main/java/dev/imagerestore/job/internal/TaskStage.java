package dev.imagerestore.job.internal;

import dev.imagerestore.job.task.PreStage;
import dev.imagerestore.job.task.RestorationTask;
import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.ImageTypes;
import dev.imagerestore.operators.RestoredImage;
import dev.imagerestore.operators.decode.ImageDecoder;
import dev.imagerestore.operators.decode.ImageEncoder;
import dev.imagerestore.operators.inference.InferenceSettings;
import dev.imagerestore.operators.inference.InferenceStage;
import java.nio.file.Path;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.types.Either;

/**
 * The part of the job graph every task shares: the task's pre-stage, then the device-bound stage
 * ({@link InferenceStage}) running the task's work through its processors ({@link TaskAdapter}).
 */
public final class TaskStage {

    /** The device stage's outcomes, and what the pre-stage attached (with its dead letters if it has an operator). */
    public record Outcomes(
            SingleOutputStreamOperator<Either<RestoredImage, DeadLetter>> outcomes, PreStage.Attached<?> preStage) {}

    private TaskStage() {}

    /** {@code images} restored by {@code task}; the input root is {@code input}, side files decode with {@code decoder}. */
    public static <IN, P, W, R> Outcomes apply(
            RestorationTask<IN, P, W, R> task,
            SingleOutputStreamOperator<DecodedImage> images,
            Path input,
            ImageDecoder decoder,
            ImageEncoder encoder,
            InferenceSettings inference) {
        PreStage.Attached<IN> attached = task.preStage().attach(images, input, decoder);
        SingleOutputStreamOperator<Either<RestoredImage, DeadLetter>> outcomes = InferenceStage.apply(
                attached.records(),
                task.processors().function(new TaskAdapter<>(task, encoder), inference),
                new EitherTypeInfo<>(ImageTypes.RESTORED_IMAGE, ImageTypes.DEAD_LETTER));
        return new Outcomes(outcomes, attached);
    }
}
