package dev.imagerestore.job.internal;

import dev.imagerestore.models.inpaint.InpaintSettings;
import dev.imagerestore.models.inpaint.InpaintTiling;
import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.ImageTypes;
import dev.imagerestore.operators.RestoredImage;
import dev.imagerestore.operators.decode.ImageDecoder;
import dev.imagerestore.operators.decode.ImageEncoder;
import dev.imagerestore.operators.inference.InferenceSettings;
import dev.imagerestore.operators.inference.InferenceStage;
import dev.imagerestore.operators.inference.RestoreAsyncFunction;
import dev.imagerestore.operators.inpaint.AttachMasks;
import dev.imagerestore.operators.inpaint.MaskSource;
import dev.imagerestore.operators.inpaint.MaskedImage;
import dev.imagerestore.operators.internal.MaskedImageSerializer;
import java.nio.file.Path;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.types.Either;

/**
 * The inpainting branch of the job graph: masks are attached to their images by relative path
 * ({@link AttachMasks}; a missing or unreadable mask is a dead letter), then the device-bound stage
 * fills the damage ({@link InpaintAdapter}, {@link InpaintProcessorFactory}), followed by denoising
 * when the tasks are {@code inpaint,denoise}.
 */
public final class InpaintStage {

    private InpaintStage() {}

    /** The images with their masks; dead letters of missing masks on the result's side output. */
    public static SingleOutputStreamOperator<MaskedImage> attachMasks(DataStream<DecodedImage> images,
            MaskSource masks, Path input, ImageDecoder decoder) {
        return images.process(new AttachMasks(masks, input.toAbsolutePath().toUri().toString(), decoder))
                .returns(MaskedImageSerializer.TYPE).name("attach masks").uid("attach-masks");
    }

    /** The restore stage over masked images. */
    public static SingleOutputStreamOperator<Either<RestoredImage, DeadLetter>> restore(DataStream<MaskedImage> masked,
            InpaintSettings settings, boolean denoise, double fixedSigma, ImageEncoder encoder, Path model,
            InferenceSettings inference, int sizeMultiple) {
        InpaintTiling tiling = new InpaintTiling(inference.tileSize(), inference.overlap(), sizeMultiple,
                settings.feather());
        RestoreAsyncFunction<MaskedImage, Either<RestoredImage, DeadLetter>> function = new RestoreAsyncFunction<>(
                new InpaintAdapter(encoder, tiling, denoise, fixedSigma), new InpaintProcessorFactory(model, settings),
                inference);
        return InferenceStage.apply(masked, function, new EitherTypeInfo<>(ImageTypes.RESTORED_IMAGE,
                ImageTypes.DEAD_LETTER));
    }
}
