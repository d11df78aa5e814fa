package dev.imagerestore.job.task.internal;

import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.inpaint.InpaintSettings;
import dev.imagerestore.models.inpaint.Inpainter;
import dev.imagerestore.models.inpaint.MaskedTile;
import dev.imagerestore.models.inpaint.TileBatchInpainter;
import dev.imagerestore.models.restore.BlindRestorer;
import dev.imagerestore.models.restore.Denoiser;
import dev.imagerestore.models.restore.TileBatchDenoiser;
import dev.imagerestore.models.restore.TileInput;
import dev.imagerestore.models.restore.TileRegion;
import dev.imagerestore.operators.inference.DiffusionProcessorFactory;
import dev.imagerestore.operators.inference.InferenceDevice;
import dev.imagerestore.operators.inference.TileBatchProcessor;
import dev.imagerestore.operators.inference.TileWork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates, on a TaskManager, the tile processor of the inpainting task: the model is resolved there
 * (as for {@link DiffusionProcessorFactory}, whose {@link DiffusionProcessorFactory#load} it shares) and bound to the models library's
 * {@link TileBatchInpainter} and {@link TileBatchDenoiser}. A tile is four planes, colour then damage
 * ({@link #stack}); tiles with damage are filled with RePaint, then every tile whose noise level is
 * above zero is denoised (a level of zero returns it unchanged). Results keep the four planes (the
 * damage plane is passed through), as the processor contract asks for the input's sample count.
 *
 * <p>A model whose card is a restorer trained on drawn holes (a fill network, {@code train
 * --hole-share}) fills instead in one pass: each tile, its damage already holding the harmonic
 * guess, is restored with its damage plane as the mask condition ({@link BlindRestorer#restoreTiles}),
 * and the task pastes back only the masked pixels.
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
        if (BlindRestorer.accepts(loaded)) {
            return fill(loaded);
        }
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
                    masked.add(masked(w));
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

    /** A four-plane tile as its colour planes and its damage plane. */
    private static MaskedTile masked(TileWork w) {
        float[] rgb = colourPlanes(w.samples());
        float[] damage = new float[w.size() * w.size()];
        System.arraycopy(w.samples(), rgb.length, damage, 0, damage.length);
        return new MaskedTile(rgb, damage, w.size(), w.imageId(), w.originY(), w.originX());
    }

    /** The one-pass fill of a restorer trained on holes; tiles of one size and image go together. */
    private TileBatchProcessor fill(DiffusionModel loaded) {
        BlindRestorer restorer;
        try {
            restorer = BlindRestorer.builder()
                    .setModel(loaded)
                    .optTileSize(settings.tileSize())
                    .optOverlap(settings.overlap())
                    .optBatchSize(settings.batchSize())
                    .optSeed(settings.seed())
                    .build();
        } catch (RuntimeException e) {
            loaded.close();
            throw e;
        }
        return new TileBatchProcessor() {
            @Override
            public List<float[]> process(List<TileWork> batch) {
                float[][] out = new float[batch.size()][];
                Map<List<Long>, List<Integer>> groups = new LinkedHashMap<>();
                for (int i = 0; i < batch.size(); i++) {
                    TileWork w = batch.get(i);
                    groups.computeIfAbsent(List.of((long) w.size(), w.imageId()), k -> new ArrayList<>())
                            .add(i);
                }
                for (List<Integer> group : groups.values()) {
                    List<TileRegion> regions = new ArrayList<>(group.size());
                    List<float[]> samples = new ArrayList<>(group.size());
                    List<float[]> masks = new ArrayList<>(group.size());
                    for (int i : group) {
                        MaskedTile tile = masked(batch.get(i));
                        regions.add(new TileRegion(0, 0, tile.originY(), tile.originX(), tile.size()));
                        samples.add(tile.samples());
                        masks.add(tile.damage());
                    }
                    TileWork first = batch.get(group.get(0));
                    float[][] filled = restorer.restoreTiles(first.size(), regions, samples, masks, first.imageId());
                    for (int k = 0; k < group.size(); k++) {
                        out[group.get(k)] = stack(filled[k], masks.get(k));
                    }
                }
                return List.of(out);
            }

            @Override
            public void close() {
                loaded.close();
            }
        };
    }

    @Override
    public String toString() {
        return "inpainter of " + model + " (" + settings + ")";
    }
}
