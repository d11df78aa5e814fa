package dev.imagerestore.job.internal;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.restore.NoiseEstimator;
import dev.imagerestore.models.restore.TileAccumulator;
import dev.imagerestore.models.restore.TileGrid;
import dev.imagerestore.models.restore.TileRegion;
import dev.imagerestore.operators.DeadLetter;
import dev.imagerestore.operators.DecodedImage;
import dev.imagerestore.operators.PipelineStage;
import dev.imagerestore.operators.RestoredImage;
import dev.imagerestore.operators.decode.ImageEncoder;
import dev.imagerestore.operators.inference.RecordAdapter;
import dev.imagerestore.operators.inference.TileWork;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.flink.types.Either;

/**
 * Binds the inference stage to denoising: a decoded image becomes the overlapping tiles of the
 * models library's {@link TileGrid} (three channels; grayscale repeated), each carrying the image's
 * noise level (given, or estimated once per image by {@link NoiseEstimator}); the restored tiles are
 * blended back by {@link TileAccumulator} and encoded in the output format. A failure becomes a
 * dead letter naming the file, the stage and the reason.
 *
 * <p>Threading: {@code split}, {@code assemble} and {@code failed} all run on the subtask's task
 * thread, so the per-record plans (grid and noise level between split and assemble) live in a plain
 * map that is cleared when the record completes.
 */
public final class DenoiseAdapter implements RecordAdapter<DecodedImage, Either<RestoredImage, DeadLetter>> {

    private static final long serialVersionUID = 1L;
    public static final String TASK = "denoise";

    /** What split decided for a record. */
    private record Plan(TileGrid grid, double sigma, long started) {}

    private final double fixedSigma;
    private final ImageEncoder encoder;
    private final int tileSize;
    private final int overlap;
    private final int sizeMultiple;
    private transient Map<DecodedImage, Plan> plans;
    private transient NoiseEstimator estimator;

    /**
     * @param fixedSigma the noise level of every image on the 0-255 scale, or NaN to estimate it
     * @param sizeMultiple the model's spatial multiple (tiles and padded images are multiples of it)
     */
    public DenoiseAdapter(double fixedSigma, ImageEncoder encoder, int tileSize, int overlap, int sizeMultiple) {
        this.fixedSigma = fixedSigma;
        this.encoder = encoder;
        this.tileSize = tileSize;
        this.overlap = overlap;
        this.sizeMultiple = sizeMultiple;
    }

    @Override
    public List<TileWork> split(DecodedImage record) {
        long started = System.nanoTime();
        FloatImage colour = record.colour();
        double sigma = Double.isNaN(fixedSigma) ? estimator().estimate(colour) : fixedSigma;
        TileGrid grid = TileGrid.cover(colour.height(), colour.width(), tileSize, overlap, sizeMultiple);
        long imageId = record.relativePath().hashCode();
        List<TileWork> tiles = new ArrayList<>(grid.size());
        for (TileRegion tile : grid.tiles()) {
            tiles.add(new TileWork(grid.extract(colour, tile, 3), tile.size(), sigma, imageId, tile.y(), tile.x()));
        }
        plans().put(record, new Plan(grid, sigma, started));
        return tiles;
    }

    @Override
    public Either<RestoredImage, DeadLetter> assemble(DecodedImage record, List<float[]> restoredTiles) throws Exception {
        Plan plan = plans().remove(record);
        TileAccumulator accumulator = new TileAccumulator(plan.grid(), 3, record.bitDepth());
        List<TileRegion> tiles = plan.grid().tiles();
        for (int i = 0; i < tiles.size(); i++) {
            accumulator.add(tiles.get(i), restoredTiles.get(i));
        }
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("decode", record.decodeMillis());
        timings.put(TASK, (System.nanoTime() - plan.started()) / 1_000_000);
        RestoredImage restored = encoder.restore(record, accumulator.result(), TASK,
                OptionalDouble.of(plan.sigma()), timings);
        return Either.Left(restored);
    }

    @Override
    public Either<RestoredImage, DeadLetter> failed(DecodedImage record, Throwable cause) {
        plans().remove(record);
        return Either.Right(DeadLetter.of(record.relativePath(), stageOf(cause), cause));
    }

    /** Encoding failures (an I/O error from the encoder) are the encode stage's; the rest is inference. */
    private static PipelineStage stageOf(Throwable cause) {
        return cause instanceof java.io.IOException ? PipelineStage.ENCODE : PipelineStage.INFERENCE;
    }

    private Map<DecodedImage, Plan> plans() {
        if (plans == null) {
            plans = new IdentityHashMap<>();
        }
        return plans;
    }

    private NoiseEstimator estimator() {
        if (estimator == null) {
            estimator = NoiseEstimator.create();
        }
        return estimator;
    }
}
