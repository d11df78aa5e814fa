package dev.imagerestore.models.inpaint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.imagerestore.models.NoisePredictor;
import dev.imagerestore.models.inpaint.internal.RePaintLoop;
import dev.imagerestore.models.restore.DenoisingNetwork;
import dev.imagerestore.models.runtime.NativeArrays;
import dev.imagerestore.models.sampler.NoiseSource;
import dev.imagerestore.models.sampler.NoiseSources;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills lists of {@link MaskedTile}s, which may come from different images, with RePaint
 * ({@link RePaintLoop}), averaging {@link InpaintSettings#samples()} independent draws: tiles of
 * equal side run together in batches of at most {@code batchSize},
 * their noise drawn from a counter-based source keyed by image id and absolute pixel position, so a
 * tile's result does not depend on its batch neighbours (up to the network's float rounding).
 *
 * <p>Returned tiles are planar {@code (3, size, size)} in [0, 1]: the known samples as given (up to
 * the [-1, 1] round trip) and the fill in the damage. A tile with no damage comes back unchanged.
 *
 * <p>Native memory: each batch lives on the network's device in a sub-manager freed before {@link #inpaint} returns. Threading:
 * confined to one thread (it holds one {@link NoisePredictor}); open one per worker from the shared
 * {@link Inpainter}.
 */
public final class TileBatchInpainter implements AutoCloseable {

    private final DenoisingNetwork network;
    private final InpaintSettings settings;
    private final RePaintLoop loop;
    private final NoiseSource[] draws;
    private final NDManager manager;
    private final NoisePredictor predictor;

    TileBatchInpainter(DenoisingNetwork network, InpaintSettings settings) {
        this.network = network;
        this.settings = settings;
        this.loop = new RePaintLoop(
                network.schedule(),
                settings.sampler().scheduler(network.schedule(), settings.steps(), settings.eta()),
                settings.jumpLength(),
                settings.jumpRepeats());
        this.draws = new NoiseSource[settings.samples()];
        for (int k = 0; k < draws.length; k++) {
            draws[k] = NoiseSources.counterBased(drawSeed(settings.seed(), k));
        }
        this.manager = NDManager.newBaseManager(network.device(), "PyTorch");
        try {
            this.predictor = network.predictors().get();
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The start timestep: {@code strength} of the schedule's last step. */
    public double startTimestep() {
        return Math.rint(settings.strength() * (network.schedule().steps() - 1));
    }

    /** Network evaluations per batch: those of one RePaint run, times the draws averaged. */
    public int networkEvaluations() {
        return loop.networkEvaluations(startTimestep()) * settings.samples();
    }

    /**
     * The noise seed of draw {@code k}: the seed itself for the first, so one draw is the plain
     * RePaint run of that seed, and seeds a golden-ratio stride apart (SplitMix64's gamma) for the
     * others, so that runs with neighbouring seeds share no draw.
     */
    static long drawSeed(long seed, int k) {
        return seed + k * 0x9E3779B97F4A7C15L;
    }

    /** The filled tiles, in the order given. */
    public List<float[]> inpaint(List<MaskedTile> tiles) {
        float[][] out = new float[tiles.size()][];
        Map<Integer, List<Integer>> bySize = new LinkedHashMap<>();
        for (int i = 0; i < tiles.size(); i++) {
            MaskedTile tile = tiles.get(i);
            if (tile.channels() != 3 || network.imageChannels() != 3) {
                throw new IllegalArgumentException(
                        "tile " + i + " has " + tile.channels() + " channels and the network " + network.imageChannels()
                                + "; inpainting runs 3-channel tiles through a 3-channel network");
            }
            if (isUndamaged(tile)) {
                out[i] = tile.samples().clone();
            } else {
                bySize.computeIfAbsent(tile.size(), k -> new ArrayList<>()).add(i);
            }
        }
        for (List<Integer> group : bySize.values()) {
            for (int from = 0; from < group.size(); from += settings.batchSize()) {
                List<Integer> chunk = group.subList(from, Math.min(group.size(), from + settings.batchSize()));
                List<float[]> filled = runBatch(chunk.stream().map(tiles::get).toList());
                for (int k = 0; k < chunk.size(); k++) {
                    out[chunk.get(k)] = filled.get(k);
                }
            }
        }
        return List.of(out);
    }

    private static boolean isUndamaged(MaskedTile tile) {
        for (float d : tile.damage()) {
            if (d > 0) {
                return false;
            }
        }
        return true;
    }

    private List<float[]> runBatch(List<MaskedTile> batch) {
        int n = batch.size();
        int size = batch.get(0).size();
        int length = 3 * size * size;
        float[] x = new float[n * length];
        float[] keep = new float[n * size * size];
        long[] ids = new long[n];
        int[] ys = new int[n];
        int[] xs = new int[n];
        for (int b = 0; b < n; b++) {
            MaskedTile tile = batch.get(b);
            for (int i = 0; i < length; i++) {
                x[b * length + i] = 2f * tile.samples()[i] - 1f;
            }
            for (int i = 0; i < size * size; i++) {
                keep[b * size * size + i] = tile.damage()[i] > 0 ? 0f : 1f;
            }
            ids[b] = tile.imageId();
            ys[b] = tile.originY();
            xs[b] = tile.originX();
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray known = NativeArrays.create(scope, x, new Shape(n, 3, size, size));
            NDArray keepArray = NativeArrays.create(scope, keep, new Shape(n, 1, size, size));
            NDArray labels =
                    network.labelCount() == 0 ? null : NativeArrays.create(scope, filled(n, network.labelCount()));
            double[] sum = new double[n * length];
            for (NoiseSource draw : draws) {
                NDArray filledTiles = loop.run(
                        predictor,
                        known,
                        keepArray,
                        known,
                        startTimestep(),
                        labels,
                        NoiseSources.placed(draw, ids, ys, xs));
                float[] result = filledTiles.toFloatArray();
                filledTiles.close();
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += Math.max(-1, Math.min(1, result[i]));
                }
            }
            List<float[]> out = new ArrayList<>(n);
            for (int b = 0; b < n; b++) {
                float[] tile = new float[length];
                for (int i = 0; i < length; i++) {
                    tile[i] = (float) ((sum[b * length + i] / draws.length + 1) / 2);
                }
                out.add(tile);
            }
            return out;
        }
    }

    private static float[] filled(int n, float value) {
        float[] a = new float[n];
        Arrays.fill(a, value);
        return a;
    }

    /** Releases the predictor and the native memory of this inpainter (not the model). */
    @Override
    public void close() {
        try {
            predictor.close();
        } finally {
            manager.close();
        }
    }
}
