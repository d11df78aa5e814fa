package dev.imagerestore.job;

import dev.imagerestore.job.internal.DenoiseAdapter;
import dev.imagerestore.job.internal.Depth2ImgAdapter;
import dev.imagerestore.job.internal.Depth2ImgProcessorFactory;
import dev.imagerestore.job.internal.InpaintStage;
import dev.imagerestore.job.internal.ReportCounter;
import dev.imagerestore.job.internal.SplitOutcomes;
import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.ImageTypes;
import dev.imagerestore.operators.ReportLine;
import dev.imagerestore.operators.RestoredImage;
import dev.imagerestore.operators.decode.DecodeFunction;
import dev.imagerestore.operators.decode.ImageDecoder;
import dev.imagerestore.operators.decode.ImageEncoder;
import dev.imagerestore.operators.decode.Provenance;
import dev.imagerestore.operators.inference.DiffusionProcessorFactory;
import dev.imagerestore.operators.inference.InferenceSettings;
import dev.imagerestore.operators.inference.InferenceStage;
import dev.imagerestore.operators.inference.RestoreAsyncFunction;
import dev.imagerestore.operators.inpaint.MaskSource;
import dev.imagerestore.operators.inpaint.MaskedImage;
import dev.imagerestore.operators.report.ReportSink;
import dev.imagerestore.operators.sink.ExistingOutputFilter;
import dev.imagerestore.operators.sink.OutputPreflight;
import dev.imagerestore.operators.sink.RestoredFileSink;
import dev.imagerestore.operators.source.ImageSourceBuilder;
import dev.imagerestore.operators.source.ImageSources;
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
 *                  │            │                                │          │
 *                  └────────────┴──────── dead letters ──────────┴──────────┴─ run report (_report/)
 * </pre>
 *
 * <p>Every entry under the input gets one report line, with the run's id: restored ("ok"),
 * "failed" with the stage and reason, or "skipped" (not an image, a special file, a link out of
 * the input, an output that exists, ...). "check output" fails a file whose output cannot be
 * written (a read-only folder, a file or a link in the way) before the sink, so that the run goes on.
 *
 * <p>With the {@code inpaint} task, an "attach masks" step between "skip existing" and the device
 * joins each image with its mask (its dead letters join the report too), and the device stage
 * inpaints, then denoises for {@code inpaint,denoise} ({@link InpaintStage}). With {@code depth2img}
 * the device stage translates each image whole, one image at a time on the device's worker.
 *
 * <p>Every operator has a fixed {@code uid}, so a run resumed from a checkpoint or savepoint
 * ({@code --from-checkpoint}) finds its state after the job's code or wiring changed.
 *
 * <p>Bounded runs use batch execution: each output is renamed into place as soon as it is written,
 * so a killed run keeps what it finished; the report is committed when the input ends.
 * Continuous runs ({@code --watch}) use streaming execution with exactly-once checkpoints, at which
 * outputs and report lines are committed.
 */
public final class RestoreJob {

    /**
     * How often a bounded run commits its report while it runs: a killed run keeps the report lines
     * of all but about this last stretch of its work (the files it finished are kept as they finish).
     */
    static final java.time.Duration BOUNDED_REPORT_COMMIT_INTERVAL = java.time.Duration.ofSeconds(5);

    private RestoreJob() {}

    /** Adds the job to {@code env} and configures its execution mode. */
    public static void define(StreamExecutionEnvironment env, RestoreJobSpec spec, int modelSizeMultiple) {
        define(env, spec, modelSizeMultiple, null);
    }

    /**
     * Adds the job with the {@code depth2img} task when {@code depth2img} is not null: the device
     * stage then translates whole images ({@link Depth2ImgAdapter}, {@link Depth2ImgProcessorFactory}),
     * and depth sidecars ({@code *.depth.png}) are not inputs.
     */
    public static void define(StreamExecutionEnvironment env, RestoreJobSpec spec, int modelSizeMultiple,
            Depth2ImgSettings depth2img) {
        define(env, spec, modelSizeMultiple, depth2img, Provenance.of(ImageEncoder.DEFAULT_AGENT));
    }

    /** As above, with what the outputs' XMP provenance record names: the software, model, weights and seed. */
    public static void define(StreamExecutionEnvironment env, RestoreJobSpec spec, int modelSizeMultiple,
            Depth2ImgSettings depth2img, Provenance provenance) {
        env.setRuntimeMode(spec.continuous() ? RuntimeExecutionMode.STREAMING : RuntimeExecutionMode.BATCH);
        if (spec.continuous()) {
            env.enableCheckpointing(spec.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        }
        if (spec.parallelism() > 0) {
            env.setParallelism(spec.parallelism());
        }
        ImageSourceBuilder source = source(spec, depth2img != null);
        DataStream<ImageFile> files = env.fromSource(source.build(), WatermarkStrategy.noWatermarks(),
                "images in " + spec.input(), ImageTypes.IMAGE_FILE).uid("image-source");

        ImageDecoder decoder = ImageDecoder.builder().optMaxPixels(spec.maxPixels()).build();
        SingleOutputStreamOperator<DecodedImage> decoded = files.process(new DecodeFunction(decoder))
                .returns(ImageTypes.DECODED_IMAGE).name("decode").uid("decode");
        ImageEncoder.Builder encoderBuilder = ImageEncoder.builder().optProvenance(provenance);
        spec.format().ifPresent(encoderBuilder::optFormat);
        ImageEncoder encoder = encoderBuilder.build();
        SingleOutputStreamOperator<DecodedImage> fresh = decoded
                .process(new ExistingOutputFilter(spec.output(), encoder, spec.overwrite()))
                .returns(ImageTypes.DECODED_IMAGE).name("skip existing outputs").uid("skip-existing-outputs");

        SingleOutputStreamOperator<RestoredImage> restored;
        DataStream<DeadLetter> maskLetters = null;
        if (depth2img != null) {
            restored = split(translate(fresh, spec, depth2img, encoder));
        } else if (spec.inpaints()) {
            SingleOutputStreamOperator<MaskedImage> masked = InpaintStage.attachMasks(fresh, spec.inpaint().masks(),
                    spec.input(), decoder);
            maskLetters = masked.getSideOutput(DeadLetter.OUTPUT_TAG);
            InferenceSettings inference = spec.inference();
            restored = split(InpaintStage.restore(masked, spec.inpaint().settings(spec.seed(), inference),
                    spec.tasks().contains("denoise"), spec.sigma().orElse(Double.NaN), encoder, spec.model(), inference,
                    modelSizeMultiple));
        } else {
            restored = split(denoise(fresh, spec, encoder, modelSizeMultiple));
        }
        SingleOutputStreamOperator<RestoredImage> writable = restored.process(new OutputPreflight(spec.output()))
                .returns(ImageTypes.RESTORED_IMAGE).name("check output").uid("check-output");
        writable.sinkTo(RestoredFileSink.builder().setOutputDirectory(spec.output()).optOverwrite(spec.overwrite())
                .optCommitEachFile(!spec.continuous()).build()).name("write restored files").uid("restored-file-sink");

        DataStream<ReportLine> report = writable
                .map(new ReportCounter<RestoredImage>(ReportLine::restored), ImageTypes.REPORT_LINE)
                .name("report restored").uid("report-restored")
                .union(failures(decoded.getSideOutput(DeadLetter.OUTPUT_TAG), "decode"),
                        failures(fresh.getSideOutput(DeadLetter.OUTPUT_TAG), "existing-output"),
                        failures(restored.getSideOutput(DeadLetter.OUTPUT_TAG), "device"),
                        failures(writable.getSideOutput(DeadLetter.OUTPUT_TAG), "check-output"));
        if (maskLetters != null) {
            report = report.union(failures(maskLetters, "mask"));
        }
        ReportSink.Builder reportSink = ReportSink.builder().setOutputDirectory(spec.output())
                .optRunId(UUID.randomUUID().toString());
        if (!spec.continuous()) {
            reportSink.optCommitInterval(BOUNDED_REPORT_COMMIT_INTERVAL);
        }
        report.sinkTo(reportSink.build()).name("write run report").uid("report-sink");
    }

    /**
     * The report lines of one operator's dead letters, made and counted chained to that operator, so
     * that the run's counts grow while it runs (see {@link ReportCounter}).
     */
    private static DataStream<ReportLine> failures(DataStream<DeadLetter> letters, String operator) {
        return letters.map(new ReportCounter<DeadLetter>(ReportLine::failed), ImageTypes.REPORT_LINE)
                .name("report " + operator + " failures").uid("report-" + operator + "-failures");
    }

    /**
     * The job's image source: the spec's input, globs and monitoring, without the output folder and
     * without the sidecars its task reads beside the images (masks, depth maps).
     */
    static ImageSourceBuilder source(RestoreJobSpec spec, boolean depth2img) {
        ImageSourceBuilder source = ImageSources.forDirectory(spec.input()).optIgnoreDirectory(spec.output())
                .optMaxFileBytes(spec.maxFileBytes()).optFollowLinks(spec.followLinks());
        spec.includes().forEach(source::optInclude);
        spec.excludes().forEach(source::optExclude);
        if (spec.inpaints() && !spec.inpaint().masks().isAuto() && spec.inpaint().masks().directory().isEmpty()) {
            source.optExclude(MaskSource.SIDECAR_GLOB);
        }
        if (depth2img) {
            source.optExclude("**/*.depth.png");
        }
        spec.watch().ifPresent(source::optMonitor);
        return source;
    }

    private static SingleOutputStreamOperator<Either<RestoredImage, DeadLetter>> denoise(
            SingleOutputStreamOperator<DecodedImage> fresh, RestoreJobSpec spec, ImageEncoder encoder,
            int modelSizeMultiple) {
        InferenceSettings inference = spec.inference();
        RestoreAsyncFunction<DecodedImage, Either<RestoredImage, DeadLetter>> restore = new RestoreAsyncFunction<>(
                new DenoiseAdapter(spec.sigma().orElse(Double.NaN), encoder, inference.tileSize(),
                        inference.overlap(), modelSizeMultiple),
                DiffusionProcessorFactory.builder().setModelDirectory(spec.model()).setInference(inference)
                        .optRefinement(spec.refineSteps(), spec.seed()).optSampler(spec.sampler()).optSelfEnsemble(spec.selfEnsemble()).build(),
                inference);
        return InferenceStage.apply(fresh, restore, new EitherTypeInfo<>(ImageTypes.RESTORED_IMAGE,
                ImageTypes.DEAD_LETTER));
    }

    private static SingleOutputStreamOperator<Either<RestoredImage, DeadLetter>> translate(
            SingleOutputStreamOperator<DecodedImage> fresh, RestoreJobSpec spec, Depth2ImgSettings settings,
            ImageEncoder encoder) {
        RestoreAsyncFunction<DecodedImage, Either<RestoredImage, DeadLetter>> translate = RestoreAsyncFunction.perImage(
                new Depth2ImgAdapter(settings, spec.input(), encoder), new Depth2ImgProcessorFactory(settings),
                spec.inference());
        return InferenceStage.apply(fresh, translate, new EitherTypeInfo<>(ImageTypes.RESTORED_IMAGE,
                ImageTypes.DEAD_LETTER));
    }

    private static SingleOutputStreamOperator<RestoredImage> split(
            SingleOutputStreamOperator<Either<RestoredImage, DeadLetter>> outcomes) {
        return outcomes.process(new SplitOutcomes()).returns(ImageTypes.RESTORED_IMAGE).name("split outcomes").uid("split-outcomes");
    }
}
