package dev.imagerestore.job;

import dev.imagerestore.job.internal.ChunkAdapter;
import dev.imagerestore.job.internal.ReportCounter;
import dev.imagerestore.job.internal.SplitOutcomes;
import dev.imagerestore.job.internal.TaskStage;
import dev.imagerestore.job.internal.TileProgress;
import dev.imagerestore.job.task.RestorationTask;
import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.ImageTypes;
import dev.imagerestore.operators.ReportLine;
import dev.imagerestore.operators.RestoredImage;
import dev.imagerestore.operators.commit.CommitStagedFiles;
import dev.imagerestore.operators.commit.FileCommittable;
import dev.imagerestore.operators.decode.DecodeFunction;
import dev.imagerestore.operators.decode.ImageDecoder;
import dev.imagerestore.operators.decode.ImageEncoder;
import dev.imagerestore.operators.decode.Provenance;
import dev.imagerestore.operators.inference.InferenceStage;
import dev.imagerestore.operators.inference.RestoreAsyncFunction;
import dev.imagerestore.operators.report.ReportSink;
import dev.imagerestore.operators.sink.ExistingOutputFilter;
import dev.imagerestore.operators.sink.OutputPreflight;
import dev.imagerestore.operators.sink.WriteRestoredFiles;
import dev.imagerestore.operators.source.ImageSourceBuilder;
import dev.imagerestore.operators.source.ImageSources;
import dev.imagerestore.operators.tiles.AssembleTiles;
import dev.imagerestore.operators.tiles.SplitIntoTiles;
import dev.imagerestore.operators.tiles.TileChunk;
import java.util.UUID;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;

/**
 * The restoration job graph: file source, decode, skip existing outputs, the device-bound async
 * restore stage, and two committing sinks (restored files, and the JSON-lines run report that also
 * receives every dead letter).
 *
 * <pre>
 *   FileSource ─ decode ─ skip existing ─ restore on device ─ split ─ check output ─ write restored files
 *      │           │            │                                │          │
 *      │           └────────────┴──────── dead letters ──────────┴──────────┴─ run report (_report/)
 *      │                                                                          │
 *      └ split large images into tiles ═ restore tiles on device ═ stitch and write ┘
 * </pre>
 *
 * <p>In a run whose task can restore by tiles ({@link RestorationTask#tiled()}), images above
 * {@code --tile-above} pixels are not read whole: the source emits them located, they are read band by
 * band and cut into chunks of tiles, the chunks are spread over every subtask's device (═: a
 * rebalance, then a partition by image), and one subtask stitches each image band by band and
 * writes it. Memory depends on the tile size, batch and parallelism, not on the image; the output is
 * bit-identical to the whole-image path's.
 *
 * <p>Every entry under the input gets one report line, with the run's id: restored ("ok"),
 * "failed" with the stage and reason, or "skipped" (not an image, a special file, a link out of
 * the input, an output that exists, ...). "check output" fails a file whose output cannot be
 * written (a read-only folder, a file or a link in the way) before the sink, so that the run goes on.
 *
 * <p>Every task ({@link RestorationTask}) takes the same path: the task's sidecar files are left out
 * of the source, its pre-stage (for example "attach masks", whose dead letters join the report)
 * sits between "skip existing" and the device, and the device stage runs the task's work, tiles
 * batched across images or whole images one at a time ({@link TaskStage}).
 *
 * <p>Every operator has a fixed {@code uid}, so a run resumed from a checkpoint or savepoint
 * ({@code --from-checkpoint}) finds its state after the job's code or wiring changed.
 *
 * <p>Every output is written before its report line is made, so that a write error fails that file's
 * line and the run goes on. Bounded runs use batch execution: each output is renamed into place as
 * soon as it is written, so a killed run keeps what it finished; the report is committed every few
 * seconds and when the input ends. Continuous runs ({@code --watch}) use streaming execution with
 * exactly-once checkpoints, at which written outputs are renamed and report lines committed.
 */
public final class RestoreJob {

    /**
     * How often a bounded run commits its report while it runs: a killed run keeps the report lines
     * of all but about this last stretch of its work (the files it finished are kept as they finish).
     */
    static final java.time.Duration BOUNDED_REPORT_COMMIT_INTERVAL = java.time.Duration.ofSeconds(5);

    private RestoreJob() {}

    /** Adds the job to {@code env} and configures its execution mode. */
    public static void define(StreamExecutionEnvironment env, RestoreJobSpec spec) {
        define(env, spec, Provenance.of(ImageEncoder.DEFAULT_AGENT));
    }

    /** As above, with what the outputs' XMP provenance record names: the software, model, weights and seed. */
    public static void define(StreamExecutionEnvironment env, RestoreJobSpec spec, Provenance provenance) {
        env.setRuntimeMode(spec.continuous() ? RuntimeExecutionMode.STREAMING : RuntimeExecutionMode.BATCH);
        if (spec.continuous()) {
            env.enableCheckpointing(spec.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        }
        if (spec.parallelism() > 0) {
            env.setParallelism(spec.parallelism());
        }
        DataStream<ImageFile> files = env.fromSource(
                        source(spec).build(),
                        WatermarkStrategy.noWatermarks(),
                        "images in " + spec.input(),
                        ImageTypes.IMAGE_FILE)
                .uid("image-source");

        ImageEncoder.Builder encoderBuilder = ImageEncoder.builder().optProvenance(provenance);
        spec.format().ifPresent(encoderBuilder::optFormat);
        ImageEncoder encoder = encoderBuilder.build();
        DataStream<ReportLine> tiledReport = null;
        DataStream<FileCommittable> tiledStaged = null;
        if (spec.tiled().isPresent()) {
            SingleOutputStreamOperator<TileChunk> chunks = files.process(new SplitIntoTiles(
                            spec.input(),
                            spec.output(),
                            encoder,
                            spec.overwrite(),
                            spec.maxPixels(),
                            spec.tiled().get().cutting(),
                            spec.tiled().get().noise()))
                    .returns(ImageTypes.TILE_CHUNK)
                    .name("split large images into tiles")
                    .uid("split-into-tiles");
            files = chunks.getSideOutput(SplitIntoTiles.WHOLE);
            SingleOutputStreamOperator<ReportLine> assembled = tiles(chunks, spec, encoder);
            tiledReport = tiledReport(assembled, chunks);
            tiledStaged = assembled.getSideOutput(WriteRestoredFiles.STAGED);
        }

        ImageDecoder decoder = ImageDecoder.builder().optLimits(spec.limits()).build();
        SingleOutputStreamOperator<DecodedImage> decoded = files.process(new DecodeFunction(decoder))
                .returns(ImageTypes.DECODED_IMAGE)
                .name("decode")
                .uid("decode");
        SingleOutputStreamOperator<DecodedImage> fresh = decoded.process(
                        new ExistingOutputFilter(spec.input(), spec.output(), encoder, spec.overwrite()))
                .returns(ImageTypes.DECODED_IMAGE)
                .name("skip existing outputs")
                .uid("skip-existing-outputs");

        TaskStage.Outcomes outcomes =
                TaskStage.apply(spec.task(), fresh, spec.input(), decoder, encoder, spec.inference());
        SingleOutputStreamOperator<RestoredImage> restored = outcomes.outcomes()
                .process(new SplitOutcomes())
                .returns(ImageTypes.RESTORED_IMAGE)
                .name("split outcomes")
                .uid("split-outcomes");
        SingleOutputStreamOperator<RestoredImage> writable = restored.process(new OutputPreflight(spec.output()))
                .returns(ImageTypes.RESTORED_IMAGE)
                .name("check output")
                .uid("check-output");
        // Every file is written before its report line, so that a write error fails its own line; a bounded
        // run renames it into place at once, a continuous run when the checkpoint covering it completes.
        SingleOutputStreamOperator<RestoredImage> written = writable.process(
                        spec.continuous()
                                ? WriteRestoredFiles.atCheckpoints(spec.output(), spec.overwrite())
                                : WriteRestoredFiles.immediately(spec.output(), spec.overwrite()))
                .returns(ImageTypes.RESTORED_IMAGE)
                .name("write restored files")
                .uid("write-restored-files");
        if (spec.continuous()) {
            DataStream<FileCommittable> staged = written.getSideOutput(WriteRestoredFiles.STAGED);
            if (tiledStaged != null) {
                staged = staged.union(tiledStaged);
            }
            staged.sinkTo(new CommitStagedFiles()).name("commit restored files").uid("restored-file-sink");
        }

        DataStream<ReportLine> report = written.map(
                        new ReportCounter<RestoredImage>(ReportLine::restored), ImageTypes.REPORT_LINE)
                .name("report restored")
                .uid("report-restored")
                .union(
                        failures(decoded.getSideOutput(DeadLetter.OUTPUT_TAG), "decode"),
                        failures(fresh.getSideOutput(DeadLetter.OUTPUT_TAG), "existing-output"),
                        failures(restored.getSideOutput(DeadLetter.OUTPUT_TAG), "device"),
                        failures(writable.getSideOutput(DeadLetter.OUTPUT_TAG), "check-output"),
                        failures(written.getSideOutput(DeadLetter.OUTPUT_TAG), "write"));
        report = report.union(fresh.getSideOutput(ExistingOutputFilter.RECOVERED)
                .map(new ReportCounter<ReportLine>(line -> line), ImageTypes.REPORT_LINE)
                .name("report recovered outputs")
                .uid("report-recovered"));
        if (tiledReport != null) {
            report = report.union(tiledReport);
        }
        if (outcomes.preStage().failures().isPresent()) {
            report = report.union(failures(
                    outcomes.preStage().failures().get(), outcomes.preStage().operator()));
        }
        ReportSink.Builder reportSink = ReportSink.builder()
                .setOutputDirectory(spec.output())
                .optRunId(UUID.randomUUID().toString());
        if (!spec.continuous()) {
            reportSink.optCommitInterval(BOUNDED_REPORT_COMMIT_INTERVAL);
        }
        report.sinkTo(reportSink.build()).name("write run report").uid("report-sink");
    }

    /**
     * The tiled path of images too large to hold whole: their chunks restored on any subtask's device,
     * then all chunks of an image stitched and written by one subtask: the stage whose records are its
     * images' report lines and whose {@link WriteRestoredFiles#STAGED} side output, in a continuous run,
     * holds the written files to commit.
     */
    private static SingleOutputStreamOperator<ReportLine> tiles(
            SingleOutputStreamOperator<TileChunk> chunks, RestoreJobSpec spec, ImageEncoder encoder) {
        EitherTypeInfo<TileChunk, DeadLetter> outcome =
                new EitherTypeInfo<>(ImageTypes.TILE_CHUNK, ImageTypes.DEAD_LETTER);
        DataStream<Either<TileChunk, DeadLetter>> restored = InferenceStage.apply(
                        chunks.rebalance(),
                        RestoreAsyncFunction.perImage(
                                new ChunkAdapter(), spec.tiled().get().processors(), spec.inference()),
                        outcome,
                        "restore tiles on device",
                        "restore-tiles-on-device")
                .map(new TileProgress(), outcome)
                .name("count restored tiles")
                .uid("count-restored-tiles");
        DataStream<Either<TileChunk, DeadLetter>> failedPart = chunks.getSideOutput(SplitIntoTiles.FAILED_AFTER_START)
                .map(letter -> Either.<TileChunk, DeadLetter>Right(letter), outcome)
                .name("tiled images failed part way")
                .uid("tiled-failed-part-way");
        return restored.union(failedPart)
                .partitionCustom(AssembleTiles::subtaskOf, AssembleTiles.IMAGE_KEY)
                .process(
                        spec.continuous()
                                ? AssembleTiles.atCheckpoints(
                                        spec.output(),
                                        encoder,
                                        spec.overwrite(),
                                        spec.task().name())
                                : new AssembleTiles(
                                        spec.output(),
                                        encoder,
                                        spec.overwrite(),
                                        spec.task().name()))
                .returns(ImageTypes.REPORT_LINE)
                .name("stitch and write tiled images")
                .uid("assemble-tiles");
    }

    /** The report lines of the tiled path: its images', its recovered outputs' and its split failures'. */
    private static DataStream<ReportLine> tiledReport(
            DataStream<ReportLine> assembled, SingleOutputStreamOperator<TileChunk> chunks) {
        DataStream<ReportLine> written = assembled
                .map(new ReportCounter<ReportLine>(line -> line), ImageTypes.REPORT_LINE)
                .name("report tiled images")
                .uid("report-tiled");
        DataStream<ReportLine> recovered = chunks.getSideOutput(ExistingOutputFilter.RECOVERED)
                .map(new ReportCounter<ReportLine>(line -> line), ImageTypes.REPORT_LINE)
                .name("report recovered tiled outputs")
                .uid("report-recovered-tiled");
        return written.union(recovered, failures(chunks.getSideOutput(DeadLetter.OUTPUT_TAG), "split-into-tiles"));
    }

    /**
     * The report lines of one operator's dead letters, made and counted chained to that operator, so
     * that the run's counts grow while it runs (see {@link ReportCounter}).
     */
    private static DataStream<ReportLine> failures(DataStream<DeadLetter> letters, String operator) {
        return letters.map(new ReportCounter<DeadLetter>(ReportLine::failed), ImageTypes.REPORT_LINE)
                .name("report " + operator + " failures")
                .uid("report-" + operator + "-failures");
    }

    /**
     * The job's image source: the spec's input, globs and monitoring, without the output folder and
     * without the sidecars its task reads beside the images (masks, depth maps).
     */
    static ImageSourceBuilder source(RestoreJobSpec spec) {
        ImageSourceBuilder source = ImageSources.forDirectory(spec.input())
                .optIgnoreDirectory(spec.output())
                .optMaxFileBytes(spec.maxFileBytes())
                .optFollowLinks(spec.followLinks());
        spec.includes().forEach(source::optInclude);
        spec.excludes().forEach(source::optExclude);
        spec.task().filterSources(source);
        if (spec.tiled().isPresent()) {
            source.optLocateAbovePixels(spec.tileAbovePixels());
        }
        spec.watch().ifPresent(source::optMonitor);
        return source;
    }
}
