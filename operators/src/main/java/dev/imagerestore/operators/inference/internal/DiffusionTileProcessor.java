package dev.imagerestore.operators.inference.internal;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.NoisePredictor;
import dev.imagerestore.models.runtime.NativeArrays;
import dev.imagerestore.models.schedule.NoiseSchedule;
import dev.imagerestore.operators.inference.TileBatchProcessor;
import dev.imagerestore.operators.inference.TileWork;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Denoises tiles in one UNet forward pass per group of equal side: a tile with noise
 * {@code sigma}/255 on [0, 1] data, mapped to [-1, 1] and scaled by {@code sqrt(ab)} at the
 * fractional timestep {@code t*} whose noise level matches ({@link NoiseSchedule#timestepForPixelSigma}),
 * is the diffusion state {@code x_t* = sqrt(ab) (2 tile - 1)}; its restoration is the one-step
 * posterior mean {@code x0 = (x_t* - sqrt(1 - ab) eps) / sqrt(ab)} (Tweedie's formula, Efron 2011;
 * Kadkhodaie and Simoncelli 2021), clamped to [-1, 1] and mapped back to [0, 1]. Tiles with zero noise
 * come back unchanged; single-channel tiles are fed as equal channels and the outputs averaged, as the
 * model card prescribes. A tile's result does not depend on its batch neighbours.
 *
 * <p>Native memory: each group's inputs live in a sub-manager of {@code arrays} (on the model's device)
 * and every array created during the forward pass is also registered with an {@link NDScope}; both are
 * closed before the group's results, plain Java arrays, are returned. The scope matters: the UNet's
 * GroupNorm reshapes its parameters into arrays attached to the weights' manager, which would otherwise
 * grow by two arrays per normalisation on every pass for as long as the service runs. This processor
 * owns the model and {@code arrays} (which holds the weights) and closes both. Threading: confined to
 * one thread.
 */
public final class DiffusionTileProcessor implements TileBatchProcessor {

    private final DiffusionModel model;
    private final NDManager arrays;
    private final NoisePredictor predictor;

    public DiffusionTileProcessor(DiffusionModel model, NDManager arrays) {
        var architecture = model.card().architecture();
        if (architecture.conditionChannels() > 0 || architecture.labelCount() > 0) {
            throw new IllegalArgumentException("model " + model.card().name() + " is conditioned ("
                    + architecture.conditionChannels() + " condition channels, " + architecture.labelCount()
                    + " labels); tile denoising needs an unconditional denoising model");
        }
        this.model = model;
        this.arrays = arrays;
        this.predictor = model.newPredictor();
    }

    @Override
    public List<float[]> process(List<TileWork> batch) {
        float[][] out = new float[batch.size()][];
        Map<List<Integer>, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            TileWork tile = batch.get(i);
            check(tile);
            if (timestep(tile) < 0) {
                out[i] = tile.samples().clone();
            } else {
                groups.computeIfAbsent(List.of(tile.size(), tile.channels()), k -> new ArrayList<>()).add(i);
            }
        }
        for (List<Integer> group : groups.values()) {
            List<float[]> restored = denoise(group.stream().map(batch::get).toList());
            for (int k = 0; k < group.size(); k++) {
                out[group.get(k)] = restored.get(k);
            }
        }
        return List.of(out);
    }

    private void check(TileWork tile) {
        int multiple = model.sizeMultiple();
        if (tile.size() % multiple != 0) {
            throw new IllegalArgumentException("tile side " + tile.size() + " is not a multiple of " + multiple
                    + ", which model " + model.card().name() + " needs; set inference.tile-size to a multiple of "
                    + multiple);
        }
        if (tile.channels() != 1 && tile.channels() != model.imageChannels()) {
            throw new IllegalArgumentException("tile has " + tile.channels() + " channels; model "
                    + model.card().name() + " takes 1 or " + model.imageChannels());
        }
    }

    private double timestep(TileWork tile) {
        return model.schedule().timestepForPixelSigma(tile.pixelSigma());
    }

    /** One forward pass over tiles of equal side and channel count. */
    private List<float[]> denoise(List<TileWork> tiles) {
        int n = tiles.size();
        int size = tiles.get(0).size();
        int channels = model.imageChannels();
        int plane = size * size;
        float[] x = new float[n * channels * plane];
        float[] t = new float[n];
        double[] alphaBars = new double[n];
        for (int b = 0; b < n; b++) {
            TileWork tile = tiles.get(b);
            t[b] = (float) timestep(tile);
            alphaBars[b] = model.schedule().alphaBar(timestep(tile));
            double scale = Math.sqrt(alphaBars[b]);
            for (int c = 0; c < channels; c++) {
                int source = tile.channels() == 1 ? 0 : c;
                for (int i = 0; i < plane; i++) {
                    x[(b * channels + c) * plane + i] = (float) (scale * (2.0 * tile.samples()[source * plane + i] - 1.0));
                }
            }
        }
        float[] eps;
        try (NDScope leaks = new NDScope(); NDManager scope = arrays.newSubManager()) {
            leaks.suppressNotUsedWarning();
            eps = predictor.predictNoise(NativeArrays.create(scope, x, new Shape(n, channels, size, size)),
                    NativeArrays.create(scope, t), null).toFloatArray();
        }
        List<float[]> out = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            out.add(posteriorMean(x, eps, b, channels, plane, alphaBars[b], tiles.get(b).channels()));
        }
        return out;
    }

    private static float[] posteriorMean(
            float[] x, float[] eps, int b, int channels, int plane, double alphaBar, int outChannels) {
        double signal = Math.sqrt(alphaBar);
        double noise = Math.sqrt(1.0 - alphaBar);
        float[] tile = new float[outChannels * plane];
        for (int c = 0; c < channels; c++) {
            int target = outChannels == 1 ? 0 : c;
            for (int i = 0; i < plane; i++) {
                int j = (b * channels + c) * plane + i;
                double x0 = Math.max(-1.0, Math.min(1.0, (x[j] - noise * eps[j]) / signal));
                tile[target * plane + i] += (float) ((x0 + 1.0) / 2.0 / (outChannels == 1 ? channels : 1));
            }
        }
        return tile;
    }

    @Override
    public void close() {
        try {
            predictor.close();
            model.close();
        } finally {
            arrays.close();
        }
    }
}
