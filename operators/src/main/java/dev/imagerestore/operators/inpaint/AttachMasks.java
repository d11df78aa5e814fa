package dev.imagerestore.operators.inpaint;

import ai.djl.Device;
import dev.imagerestore.models.detect.LearnedDamageDetector;
import dev.imagerestore.models.inpaint.Mask;
import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.ImageFile;
import dev.imagerestore.operators.PipelineStage;
import dev.imagerestore.operators.decode.ImageDecoder;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Joins each decoded image with its inpainting mask by relative path: the sidecar
 * {@code name.mask.png} under the input root, the same path under a mask folder, the mask a learned
 * detector ({@link LearnedDamageDetector}, loaded once per subtask on the CPU) finds in the image,
 * or an empty mask ({@link MaskSource}). Mask files are read through Flink's
 * {@link FileSystem} (so a cluster reads them where it reads the images), decoded with the job's
 * {@link ImageDecoder} (its pixel limit applies) and resized nearest-neighbour to the image.
 *
 * <p>An image whose mask is missing, unreadable or not an image goes to {@link DeadLetter#OUTPUT_TAG}
 * with stage {@code mask} and a reason naming the mask file; the job goes on.
 */
public final class AttachMasks extends ProcessFunction<DecodedImage, MaskedImage> {

    private static final long serialVersionUID = 1L;

    private final MaskSource source;
    private final String inputRoot;
    private final ImageDecoder decoder;
    private transient LearnedDamageDetector learned;
    private transient double learnedThreshold;

    /**
     * @param inputRoot the image root (a local path or a Flink file-system URI), for sidecar masks
     * @param decoder decodes mask files
     */
    public AttachMasks(MaskSource source, String inputRoot, ImageDecoder decoder) {
        this.source = Objects.requireNonNull(source, "source");
        this.inputRoot = Objects.requireNonNull(inputRoot, "inputRoot");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
    }

    @Override
    public void processElement(DecodedImage image, Context ctx, Collector<MaskedImage> out) {
        Mask mask;
        try {
            mask = source.isNone()
                    ? Mask.empty(image.height(), image.width())
                    : source.isAuto() ? detect(image) : read(image);
        } catch (IOException | RuntimeException e) {
            ctx.output(DeadLetter.OUTPUT_TAG, DeadLetter.of(image, PipelineStage.MASK, e));
            return;
        }
        out.collect(new MaskedImage(image, mask.resizedTo(image.height(), image.width())));
    }

    private Mask read(DecodedImage image) throws IOException {
        String relative = MaskSource.maskPathFor(image.pagePath());
        Path file = new Path(new Path(source.directory().orElse(inputRoot)), relative);
        byte[] bytes;
        try {
            FileSystem fs = file.getFileSystem();
            if (!fs.exists(file)) {
                throw new FileNotFoundException("mask " + file + " of " + image.relativePath() + " not found; put a "
                        + "white-on-black " + relative
                        + (source.directory().isPresent()
                                ? " under " + source.directory().get()
                                : " next to the image") + ", or use --mask auto");
            }
            try (InputStream in = fs.open(file)) {
                bytes = in.readAllBytes();
            }
        } catch (FileNotFoundException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException(
                    "mask " + file + " of " + image.relativePath() + " cannot be read: " + e.getMessage(), e);
        }
        try {
            return Mask.fromImage(
                    decoder.decode(ImageFile.of(relative, 0, bytes)).colour());
        } catch (IOException e) {
            throw new IOException(
                    "mask " + file + " of " + image.relativePath() + " is not a readable image: " + e.getMessage(), e);
        }
    }

    private Mask detect(DecodedImage image) throws IOException {
        if (learned == null) {
            // on the CPU: this pre-stage runs outside the device slots
            learned = LearnedDamageDetector.load(
                    java.nio.file.Path.of(source.detector().get()),
                    Device.cpu(),
                    LearnedDamageDetector.DEFAULT_TILE_SIZE,
                    LearnedDamageDetector.DEFAULT_OVERLAP,
                    LearnedDamageDetector.DEFAULT_TILES_PER_BATCH);
            learnedThreshold = Double.isNaN(source.threshold()) ? learned.threshold() : source.threshold();
        }
        return learned.detect(image.colour(), learnedThreshold);
    }

    @Override
    public void close() throws Exception {
        if (learned != null) {
            learned.close();
            learned = null;
        }
        super.close();
    }
}
