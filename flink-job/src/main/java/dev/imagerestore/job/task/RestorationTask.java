package dev.imagerestore.job.task;

import dev.imagerestore.operators.inference.PlannedWork;
import dev.imagerestore.operators.source.ImageSourceBuilder;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/**
 * One restoration task of the {@code restore} job, plugged into the job the way a format plugs into
 * a file source: the job has one path for every task ({@code RestoreJob}), and a task supplies only
 * what differs.
 *
 * <ul>
 *   <li>{@link #filterSources}: the sidecar files it reads beside the images, which are not inputs;</li>
 *   <li>{@link #preStage()}: the step that turns decoded images into its records ({@code IN}), for
 *       example by attaching their masks;</li>
 *   <li>{@link #split} and {@link #assemble}: its per-record work, tiles or one whole image
 *       ({@code W}, with results {@code R}), and the plan ({@code P}) its results are put together by,
 *       which the job carries from split to assemble, so a task keeps no per-record state;</li>
 *   <li>{@link #processors()}: the factory of what runs that work on the device.</li>
 * </ul>
 *
 * <p>The job does the rest for every task: timings, encoding, the report line, and the report
 * stage of a failure (inference, unless the task throws a {@link StageFailure}, or the encoder fails).
 *
 * <p>Tasks are immutable and serializable (they travel inside the job graph: paths and settings,
 * never models); {@code split} and {@code assemble} run on a subtask's task thread.
 */
public sealed interface RestorationTask<IN, P, W, R> extends Serializable
        permits DenoiseTask, InpaintTask, Depth2ImgTask, BlindRestoreTask {

    /** The task as {@code --task} names it; also its timing key in the report. */
    String name();

    /** The model directory that runs, whose card the outputs' provenance names. */
    Path model();

    /** Excludes from {@code source} the files this task reads beside the images. Modifies {@code source}. */
    void filterSources(ImageSourceBuilder source);

    /** The step between the decoded images and the device stage. */
    PreStage<IN> preStage();

    /** The work items of {@code record} and the plan that assembles their results. */
    PlannedWork<P, W> split(IN record) throws Exception;

    /** The restored image and its report fields, from the results of the items {@link #split} returned, in order. */
    TaskResult assemble(IN record, P plan, List<R> results) throws Exception;

    /** What runs the work items on the device. */
    Processors<W, R> processors();

    /**
     * How the task restores an image that flows as a stream of tiles (one too large to hold whole),
     * or empty when it needs each image whole (then every image takes {@link #split}).
     */
    default java.util.Optional<TiledProcessing> tiled() {
        return java.util.Optional.empty();
    }
}
