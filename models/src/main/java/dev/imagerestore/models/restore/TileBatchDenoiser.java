package dev.imagerestore.models.restore;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.imagerestore.models.NoisePredictor;
import dev.imagerestore.models.image.Dihedral;
import dev.imagerestore.models.runtime.NativeArrays;
import dev.imagerestore.models.sampler.NoiseSource;
import dev.imagerestore.models.sampler.NoiseSources;
import dev.imagerestore.models.sampler.Sampler;
import dev.imagerestore.models.sampler.SamplingLoop;
import dev.imagerestore.models.schedule.NoiseSchedule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Restores lists of tiles, which may come from different images with different noise levels, with
 * one forward pass of the network per batch of at most {@code batchSize} tiles of the same side.
 *
 * <p>A tile with noise {@code sigma}/255 on [0, 1] data is mapped to [-1, 1] and scaled by
 * {@code sqrt(ab(t*))}, where {@code t*} is the fractional timestep whose noise level matches
 * ({@link NoiseSchedule#timestepForPixelSigma}); that is exactly a diffusion state {@code x_t*}
 * (Kadkhodaie and Simoncelli 2021; SDEdit, Meng et al. 2022). The default result is the one-step
 * posterior mean {@code E[x0 | x_t*] = (x_t* - sqrt(1 - ab) eps) / sqrt(ab)} (Tweedie's formula,
 * Efron 2011; the same formula as {@link dev.imagerestore.models.sampler.Posterior#x0}, evaluated here
 * per tile because tiles of one batch may have different noise levels), clamped to [-1, 1] and mapped
 * back. With refinement steps the configured {@link Sampler} runs from {@code t*} to the clean image
 * instead, tiles grouped by side and noise level, its noise drawn from a counter-based source keyed
 * by image id and absolute pixel position ({@link NoiseSources#placed}). Tiles with zero noise are
 * returned unchanged. Each tile's result depends only on the tile, never on its batch neighbours
 * (up to the network's float rounding).
 *
 * <p>Native memory: every batch lives, on the network's device, in its own sub-manager of this object's manager and is freed
 * before {@link #denoise} returns; only Java arrays cross the boundary. Threading: confined to one
 * thread (it holds one {@link NoisePredictor}); open one per worker from the shared {@link Denoiser}.
 */
public final class TileBatchDenoiser implements AutoCloseable {

    private final DenoisingNetwork network;
    private final DenoiseSettings settings;
    private final NDManager manager;
    private final NoisePredictor predictor;
    private final Sampler sampler;
    private final NoiseSource noise;

    TileBatchDenoiser(DenoisingNetwork network, DenoiseSettings settings) {
        this.network = network;
        this.settings = settings;
        this.sampler = settings.refineSteps() == 0
                ? null
                : SamplingLoop.of(
                        settings.sampler().scheduler(network.schedule(), settings.refineSteps(), settings.eta()));
        this.noise = NoiseSources.counterBased(settings.seed());
        this.manager = NDManager.newBaseManager(network.device(), "PyTorch");
        try {
            this.predictor = network.predictors().get();
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public int batchSize() {
        return settings.batchSize();
    }

    /**
     * The restored tiles, in the order given, each with the channels and side of its input. With a
     * self-ensemble of {@code k} transforms each noisy tile is restored as seen through the first
     * {@code k} {@link Dihedral} symmetries, each result mapped back, and the {@code k} results averaged
     * in transform order, so the answer still does not depend on the batch.
     */
    public List<float[]> denoise(List<TileInput> tiles) {
        int count = settings.selfEnsemble();
        if (count == 1) {
            return denoiseEach(tiles);
        }
        List<TileInput> views = new ArrayList<>(tiles.size() * count);
        List<Integer> firstView = new ArrayList<>(tiles.size());
        for (TileInput tile : tiles) {
            firstView.add(views.size());
            boolean noisy = timestep(tile.pixelSigma()) > -1;
            for (int d = 0; d < (noisy ? count : 1); d++) {
                views.add(
                        d == 0
                                ? tile
                                : new TileInput(
                                        Dihedral.apply(tile.samples(), tile.channels(), tile.size(), d),
                                        tile.size(),
                                        tile.pixelSigma(),
                                        tile.imageId(),
                                        tile.originY(),
                                        tile.originX()));
            }
        }
        List<float[]> restored = denoiseEach(views);
        List<float[]> out = new ArrayList<>(tiles.size());
        for (int i = 0; i < tiles.size(); i++) {
            TileInput tile = tiles.get(i);
            int from = firstView.get(i);
            int to = i + 1 < tiles.size() ? firstView.get(i + 1) : views.size();
            if (to - from == 1) {
                out.add(restored.get(from));
                continue;
            }
            float[] mean = new float[tile.samples().length];
            for (int d = 0; d < to - from; d++) {
                float[] view = restored.get(from + d);
                float[] back = d == 0 ? view : Dihedral.invert(view, tile.channels(), tile.size(), d);
                for (int k = 0; k < mean.length; k++) {
                    mean[k] += back[k];
                }
            }
            float scale = 1f / (to - from);
            for (int k = 0; k < mean.length; k++) {
                mean[k] *= scale;
            }
            out.add(mean);
        }
        return out;
    }

    private List<float[]> denoiseEach(List<TileInput> tiles) {
        float[][] out = new float[tiles.size()][];
        Map<List<Object>, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < tiles.size(); i++) {
            TileInput tile = tiles.get(i);
            if (tile.channels() != network.imageChannels()) {
                throw new IllegalArgumentException("tile " + i + " has " + tile.channels()
                        + " channels but the network "
                        + "takes " + network.imageChannels() + "; extract tiles with TileGrid.extract(image, tile, "
                        + network.imageChannels() + ")");
            }
            if (timestep(tile.pixelSigma()) <= -1) {
                out[i] = tile.samples().clone();
                continue;
            }
            List<Object> key =
                    settings.refineSteps() > 0 ? List.of(tile.size(), tile.pixelSigma()) : List.of(tile.size());
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        for (List<Integer> group : groups.values()) {
            for (int from = 0; from < group.size(); from += settings.batchSize()) {
                List<Integer> chunk = group.subList(from, Math.min(group.size(), from + settings.batchSize()));
                List<TileInput> batch = chunk.stream().map(tiles::get).toList();
                List<float[]> restored = restoreBatch(batch);
                for (int k = 0; k < chunk.size(); k++) {
                    out[chunk.get(k)] = restored.get(k);
                }
            }
        }
        return List.of(out);
    }

    private double timestep(double pixelSigma) {
        return network.schedule().timestepForPixelSigma(pixelSigma);
    }

    /** One forward pass (or one sampler run) over tiles of equal side. */
    private List<float[]> restoreBatch(List<TileInput> batch) {
        int n = batch.size();
        int size = batch.get(0).size();
        int length = batch.get(0).samples().length;
        float[] x = new float[n * length];
        float[] t = new float[n];
        double[] alphaBars = new double[n];
        for (int b = 0; b < n; b++) {
            double tStar = timestep(batch.get(b).pixelSigma());
            alphaBars[b] = network.schedule().alphaBar(tStar);
            t[b] = (float) tStar;
            double scale = Math.sqrt(alphaBars[b]);
            float[] samples = batch.get(b).samples();
            for (int i = 0; i < length; i++) {
                x[b * length + i] = (float) (scale * (2.0 * samples[i] - 1.0));
            }
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray xt = NativeArrays.create(scope, x, new Shape(n, network.imageChannels(), size, size));
            NDArray labels =
                    network.labelCount() == 0 ? null : NativeArrays.create(scope, filled(n, network.labelCount()));
            if (sampler != null) {
                return refine(batch, xt, timestep(batch.get(0).pixelSigma()), labels);
            }
            float[] eps = predictor
                    .predictNoise(xt, NativeArrays.create(scope, t), labels)
                    .toFloatArray();
            return tweedie(x, eps, alphaBars, length);
        }
    }

    /** Runs the sampler from the batch's common timestep; noise keyed by each tile's image and position. */
    private List<float[]> refine(List<TileInput> batch, NDArray xt, double tStar, NDArray labels) {
        int n = batch.size();
        long[] ids = new long[n];
        int[] ys = new int[n];
        int[] xs = new int[n];
        for (int b = 0; b < n; b++) {
            ids[b] = batch.get(b).imageId();
            ys[b] = batch.get(b).originY();
            xs[b] = batch.get(b).originX();
        }
        float[] x0 = sampler.sample(predictor, xt, tStar, null, labels, NoiseSources.placed(noise, ids, ys, xs))
                .toFloatArray();
        int length = x0.length / n;
        List<float[]> out = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            float[] tile = new float[length];
            for (int i = 0; i < length; i++) {
                tile[i] = toUnit(x0[b * length + i]);
            }
            out.add(tile);
        }
        return out;
    }

    private static List<float[]> tweedie(float[] x, float[] eps, double[] alphaBars, int length) {
        List<float[]> out = new ArrayList<>(alphaBars.length);
        for (int b = 0; b < alphaBars.length; b++) {
            double signal = Math.sqrt(alphaBars[b]);
            double noise = Math.sqrt(1.0 - alphaBars[b]);
            float[] tile = new float[length];
            for (int i = 0; i < length; i++) {
                int j = b * length + i;
                tile[i] = toUnit((x[j] - noise * eps[j]) / signal);
            }
            out.add(tile);
        }
        return out;
    }

    /** [-1, 1] to [0, 1], clamping first. */
    static float toUnit(double value) {
        double clamped = value < -1 ? -1 : (value > 1 ? 1 : value);
        return (float) ((clamped + 1.0) / 2.0);
    }

    private static float[] filled(int n, float value) {
        float[] a = new float[n];
        Arrays.fill(a, value);
        return a;
    }

    /** Releases the predictor and the native memory of this denoiser (not the model). */
    @Override
    public void close() {
        try {
            predictor.close();
        } finally {
            manager.close();
        }
    }
}
