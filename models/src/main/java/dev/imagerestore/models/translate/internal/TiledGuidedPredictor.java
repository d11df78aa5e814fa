package dev.imagerestore.models.translate.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.imagerestore.models.NoisePredictor;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.restore.TileAccumulator;
import dev.imagerestore.models.restore.TileGrid;
import dev.imagerestore.models.restore.TileRegion;
import dev.imagerestore.models.runtime.NativeArrays;
import java.util.Arrays;
import java.util.List;

/**
 * A whole-image noise predictor made of tile predictions, with classifier-free guidance (Ho and
 * Salimans, "Classifier-Free Diffusion Guidance", 2022): for every tile the network runs twice in
 * one batch, conditioned ({@code label}, depth planes as given) and unconditioned ("no label"
 * token, conditioning planes zeroed, as in training), and the tile's noise is
 * {@code eps_u + w (eps_c - eps_u)}. The tiles' predictions are blended with the {@link TileGrid}
 * weights into one noise field, so the sampler steps the whole image at once and overlapping tiles
 * never disagree (the step-synchronous tiling of Bar-Tal et al., "MultiDiffusion", ICML 2023).
 *
 * <p>Takes the full {@code (1, 3 + Cc, H, W)} input a {@link dev.imagerestore.models.sampler.Sampler}
 * builds. The tiles are cut in a fixed order and batched by a fixed size, so the result depends on
 * the image alone. Confined to one thread, like the predictor it wraps; does not own it.
 */
public final class TiledGuidedPredictor implements NoisePredictor {

    private final NoisePredictor network;
    private final TileGrid grid;
    private final int imageChannels;
    private final double guidance;
    private final int nullLabel;
    private final int batchSize;

    public TiledGuidedPredictor(
            NoisePredictor network, TileGrid grid, int imageChannels, double guidance, int nullLabel, int batchSize) {
        this.network = network;
        this.grid = grid;
        this.imageChannels = imageChannels;
        this.guidance = guidance;
        this.nullLabel = nullLabel;
        this.batchSize = batchSize;
    }

    @Override
    public NDArray predictNoise(NDArray x, NDArray t, NDArray labels) {
        Shape shape = x.getShape();
        if (shape.get(0) != 1 || shape.get(2) != grid.height() || shape.get(3) != grid.width()) {
            throw new IllegalArgumentException("input " + shape + " does not fit " + grid);
        }
        int channels = Math.toIntExact(shape.get(1));
        FloatImage input = FloatImage.wrap(channels, grid.height(), grid.width(), 8, x.toFloatArray());
        float time = t.toFloatArray()[0];
        float label = labels.toFloatArray()[0];
        TileAccumulator eps = new TileAccumulator(grid, imageChannels, 8);
        List<TileRegion> tiles = grid.tiles();
        NDManager manager = x.getManager();
        for (int start = 0; start < tiles.size(); start += batchSize) {
            List<TileRegion> batch = tiles.subList(start, Math.min(tiles.size(), start + batchSize));
            float[][] predicted = predictBatch(manager, input, batch, channels, time, label);
            for (int i = 0; i < batch.size(); i++) {
                eps.add(batch.get(i), predicted[i]);
            }
        }
        return NativeArrays.create(
                manager, eps.result().toArray(), new Shape(1, imageChannels, grid.height(), grid.width()));
    }

    private float[][] predictBatch(
            NDManager outer, FloatImage input, List<TileRegion> batch, int channels, float time, float label) {
        int s = grid.tileSize();
        int perTile = channels * s * s;
        boolean unconditional = guidance != 1;
        int rows = unconditional ? 2 * batch.size() : batch.size();
        float[] samples = new float[rows * perTile];
        float[] labels = new float[rows];
        for (int i = 0; i < batch.size(); i++) {
            float[] tile = grid.extract(input, batch.get(i), channels);
            System.arraycopy(tile, 0, samples, i * perTile, perTile);
            labels[i] = label;
            if (unconditional) {
                int offset = (batch.size() + i) * perTile;
                System.arraycopy(tile, 0, samples, offset, imageChannels * s * s);
                labels[batch.size() + i] = nullLabel;
            }
        }
        float[] out;
        try (NDManager scope = outer.newSubManager()) {
            float[] times = new float[rows];
            Arrays.fill(times, time);
            NDArray eps = network.predictNoise(
                    NativeArrays.create(scope, samples, new Shape(rows, channels, s, s)),
                    NativeArrays.create(scope, times),
                    NativeArrays.create(scope, labels));
            if (unconditional) {
                NDArray conditional = eps.get("0:" + batch.size());
                NDArray free = eps.get(batch.size() + ":");
                eps = free.add(conditional.sub(free).mul((float) guidance));
            }
            out = eps.toFloatArray();
        }
        int perEps = imageChannels * s * s;
        float[][] result = new float[batch.size()][];
        for (int i = 0; i < batch.size(); i++) {
            result[i] = Arrays.copyOfRange(out, i * perEps, (i + 1) * perEps);
        }
        return result;
    }

    @Override
    public void close() {
        // the wrapped predictor belongs to the caller
    }
}
