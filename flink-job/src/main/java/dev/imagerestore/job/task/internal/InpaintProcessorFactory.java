package dev.imagerestore.job.task.internal;

import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.inpaint.InpaintSettings;
import dev.imagerestore.models.inpaint.Inpainter;
import dev.imagerestore.models.inpaint.MaskedTile;
import dev.imagerestore.models.inpaint.TileBatchInpainter;
import dev.imagerestore.models.restore.Denoiser;
import dev.imagerestore.models.restore.TileBatchDenoiser;
import dev.imagerestore.models.restore.TileInput;
import dev.imagerestore.operators.inference.DiffusionProcessorFactory;
import dev.imagerestore.operators.inference.InferenceDevice;
import dev.imagerestore.operators.inference.TileBatchProcessor;
import dev.imagerestore.operators.inference.TileWork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates, on a TaskManager, the tile processor of the inpainting task: the model is resolved there
 * (as for {@link DiffusionProcessorFactory}, whose {@link DiffusionProcessorFactory#load} it shares) and bound to the models library's
 * {@link TileBatchInpainter} and {@link TileBatchDenoiser}. A tile is four planes, colour then damage
 * ({@link #stack}); tiles with damage are filled with RePaint, then every tile whose noise level is
 * above zero is denoised (a level of zero returns it unchanged). Results keep the four planes (the
 * damage plane is passed through), as the processor contract asks for the input's sample count.
 */
public final class InpaintProcessorFactory implements TileBatchProcessor.Factory {

    private static final long serialVersionUID = 1L;

    private final String model;
    private final InpaintSettings settings;

    public InpaintProcessorFactory(Path model, InpaintSettings settings) {
        this.model = model.toString();
        this.settings = settings;
    }

    /** Colour planes followed by the damage plane. */
    public static float[] stack(float[] rgb, float[] damage) {
        float[] out = new float[rgb.length + damage.length];
        System.arraycopy(rgb, 0, out, 0, rgb.length);
        System.arraycopy(damage, 0, out, rgb.length, damage.length);
        return out;
    }

    /** The three colour planes of a four-plane tile. */
    public static float[] colourPlanes(float[] tile) {
        float[] rgb = new float[tile.length / 4 * 3];
        System.arraycopy(tile, 0, rgb, 0, rgb.length);
        return rgb;
    }

    @Override
    public String modelKey() {
        return "inpaint:" + model + ":" + settings;
    }

    @Override
    public TileBatchProcessor create(InferenceDevice device) throws Exception {
        DiffusionModel loaded = DiffusionProcessorFactory.load(Path.of(model), device);
        TileBatchInpainter inpainter;
        TileBatchDenoiser denoiser;
        try {
            inpainter = Inpainter.builder()
                    .setModel(loaded)
                    .optSteps(settings.steps())
                    .optJumpLength(settings.jumpLength())
                    .optJumpRepeats(settings.jumpRepeats())
                    .optSamples(settings.samples())
                    .optEta(settings.eta())
                    .optStrength(settings.strength())
                    .optSeed(settings.seed())
                    .optTileSize(settings.tileSize())
                    .optOverlap(settings.overlap())
                    .optBatchSize(settings.batchSize())
                    .optFeather(settings.feather())
                    .build()
                    .openBatchInpainter();
            denoiser = Denoiser.builder()
                    .setModel(loaded)
                    .optTileSize(settings.tileSize())
                    .optOverlap(settings.overlap())
                    .optBatchSize(settings.batchSize())
                    .build()
                    .openBatchDenoiser();
        } catch (RuntimeException e) {
            loaded.close();
            throw e;
        }
        return new TileBatchProcessor() {
            @Override
            public List<float[]> process(List<TileWork> batch) {
                List<MaskedTile> masked = new ArrayList<>(batch.size());
                for (TileWork w : batch) {
                    float[] rgb = colourPlanes(w.samples());
                    float[] damage = new float[w.size() * w.size()];
                    System.arraycopy(w.samples(), rgb.length, damage, 0, damage.length);
                    masked.add(new MaskedTile(rgb, damage, w.size(), w.imageId(), w.originY(), w.originX()));
                }
                List<float[]> filled = inpainter.inpaint(masked);
                List<TileInput> inputs = new ArrayList<>(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    TileWork w = batch.get(i);
                    inputs.add(new TileInput(
                            filled.get(i), w.size(), w.pixelSigma(), w.imageId(), w.originY(), w.originX()));
                }
                List<float[]> restored = denoiser.denoise(inputs);
                List<float[]> out = new ArrayList<>(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    out.add(stack(restored.get(i), masked.get(i).damage()));
                }
                return out;
            }

            @Override
            public void close() {
                try {
                    inpainter.close();
                    denoiser.close();
                } finally {
                    loaded.close();
                }
            }
        };
    }

    @Override
    public String toString() {
        return "inpainter of " + model + " (" + settings + ")";
    }
}
