package dev.imagerestore.job.internal;

import dev.imagerestore.job.task.RestorationTask;
import dev.imagerestore.job.task.StageFailure;
import dev.imagerestore.job.task.TaskResult;
import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.PipelineStage;
import dev.imagerestore.operators.RestoredImage;
import dev.imagerestore.operators.SideFile;
import dev.imagerestore.operators.decode.ImageEncoder;
import dev.imagerestore.operators.inference.PlannedWork;
import dev.imagerestore.operators.inference.WorkAdapter;
import dev.imagerestore.operators.inpaint.MaskSource;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.types.Either;

/**
 * Binds the device stage to any {@link RestorationTask}: the task splits and assembles; this adapter
 * times each record (decode, then the task's own time from split to assembly), encodes the result
 * in the output format with its report fields (and the mask to keep, as a PNG side file
 * {@code name.mask.png} committed with the output), and maps every failure to its report stage, in one
 * place: a {@link StageFailure}'s own stage, an encoder failure the encode stage's, anything else
 * (the model, the clock) the inference stage's.
 *
 * <p>Stateless: each record's plan (the task's, with the record's start time) travels with the
 * record inside the inference function.
 */
public final class TaskAdapter<IN, P, W, R>
        implements WorkAdapter<IN, TaskAdapter.Plan<P>, W, R, Either<RestoredImage, DeadLetter>> {

    private static final long serialVersionUID = 1L;

    /** The task's plan of a record and when its split started. */
    public record Plan<P>(P task, long startedNanos) {}

    private final RestorationTask<IN, P, W, R> task;
    private final ImageEncoder encoder;

    public TaskAdapter(RestorationTask<IN, P, W, R> task, ImageEncoder encoder) {
        this.task = Objects.requireNonNull(task, "task");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
    }

    @Override
    public PlannedWork<Plan<P>, W> split(IN record) throws Exception {
        long started = System.nanoTime();
        PlannedWork<P, W> work = task.split(record);
        return new PlannedWork<>(new Plan<>(work.plan(), started), work.items());
    }

    @Override
    public Either<RestoredImage, DeadLetter> assemble(IN record, Plan<P> plan, List<R> results) throws Exception {
        TaskResult result = task.assemble(record, plan.task(), results);
        DecodedImage image = task.preStage().image(record);
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("decode", image.decodeMillis());
        timings.put(task.name(), (System.nanoTime() - plan.startedNanos()) / 1_000_000);
        RestoredImage restored;
        try {
            restored = encoder.restore(image, result.image(), result.label(), result.noiseLevel(), timings);
            if (result.savedMask().isPresent()) {
                restored = restored.withSideFile(new SideFile(
                        MaskSource.maskPathFor(restored.outputPath()),
                        encoder.encode(result.savedMask().get().toImage(), Optional.empty(), OutputFormat.PNG)));
            }
        } catch (IOException e) {
            throw new StageFailure(PipelineStage.ENCODE, e);
        }
        if (result.maskedFraction().isPresent()) {
            restored = restored.withMaskedFraction(result.maskedFraction().getAsDouble());
        }
        return Either.Left(restored.withRestorationMeasures(result.rmsChange(), result.maskConfidence()));
    }

    @Override
    public Either<RestoredImage, DeadLetter> failed(IN record, Throwable cause) {
        DecodedImage image = task.preStage().image(record);
        return Either.Right(
                cause instanceof StageFailure failure
                        ? DeadLetter.of(image, failure.stage(), failure.getCause())
                        : DeadLetter.of(image, PipelineStage.INFERENCE, cause));
    }
}
