package dev.imagerestore.job.internal;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.inpaint.InpaintPlan;
import dev.imagerestore.models.inpaint.InpaintTiling;
import dev.imagerestore.models.inpaint.MaskedTile;
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
import dev.imagerestore.operators.inpaint.MaskedImage;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.flink.types.Either;

/**
 * Binds the inference stage to inpainting, alone ({@code --task inpaint}) or followed by denoising
 * ({@code --task inpaint,denoise}).
 *
 * <p>Tiles travel as four planes: the three colour planes (damaged pixels already holding the
 * smooth first guess of {@link InpaintTiling}) and the damage plane (1 = fill); the
 * {@link InpaintProcessorFactory processor} fills the damaged tiles with RePaint and then, for a tile
 * with a noise level above zero, denoises it. Inpainting alone sends only the tiles touching the
 * mask, with noise level 0, and pastes the fill back so pixels outside the mask stay bit-identical;
 * with denoising every tile of the grid goes, with the image's noise level (given, or estimated once
 * per image), and the tiles are blended back as {@code denoise} does.
 *
 * <p>Threading: {@code split}, {@code assemble} and {@code failed} run on the subtask's task thread;
 * per-record plans live in a plain map cleared when the record completes.
 */
public final class InpaintAdapter implements RecordAdapter<MaskedImage, Either<RestoredImage, DeadLetter>> {

    private static final long serialVersionUID = 1L;

    /** What split decided for a record. */
    private record Plan(InpaintPlan inpaint, double sigma, long started) {}

    private final ImageEncoder encoder;
    private final InpaintTiling tiling;
    private final boolean denoise;
    private final double fixedSigma;
    private transient Map<MaskedImage, Plan> plans;
    private transient NoiseEstimator estimator;

    /**
     * @param denoise whether denoising follows inpainting
     * @param fixedSigma with denoising, the noise level of every image (0-255), or NaN to estimate it
     */
    public InpaintAdapter(ImageEncoder encoder, InpaintTiling tiling, boolean denoise, double fixedSigma) {
        this.encoder = encoder;
        this.tiling = tiling;
        this.denoise = denoise;
        this.fixedSigma = fixedSigma;
    }

    /** The report's task name. */
    public String task() {
        return denoise ? "inpaint,denoise" : "inpaint";
    }

    @Override
    public List<TileWork> split(MaskedImage record) {
        long started = System.nanoTime();
        FloatImage colour = record.image().colour();
        long imageId = record.relativePath().hashCode();
        InpaintPlan plan = tiling.plan(colour, record.mask(), imageId);
        double sigma = !denoise ? 0 : Double.isNaN(fixedSigma) ? estimator().estimate(colour) : fixedSigma;
        List<TileWork> work = new ArrayList<>();
        if (denoise) {
            Map<TileRegion, MaskedTile> damaged = new LinkedHashMap<>();
            for (int k = 0; k < plan.regions().size(); k++) {
                damaged.put(plan.regions().get(k), plan.tiles().get(k));
            }
            TileGrid grid = plan.grid();
            for (TileRegion region : grid.tiles()) {
                MaskedTile tile = damaged.get(region);
                float[] rgb = tile != null ? tile.samples() : grid.extract(colour, region, 3);
                float[] damage = tile != null ? tile.damage() : new float[region.size() * region.size()];
                work.add(new TileWork(InpaintProcessorFactory.stack(rgb, damage), region.size(), sigma, imageId,
                        region.y(), region.x()));
            }
        } else {
            for (MaskedTile tile : plan.tiles()) {
                work.add(new TileWork(InpaintProcessorFactory.stack(tile.samples(), tile.damage()), tile.size(), 0,
                        imageId, tile.originY(), tile.originX()));
            }
        }
        plans().put(record, new Plan(plan, sigma, started));
        return work;
    }

    @Override
    public Either<RestoredImage, DeadLetter> assemble(MaskedImage record, List<float[]> restoredTiles) throws Exception {
        Plan plan = plans().remove(record);
        List<float[]> colour = new ArrayList<>(restoredTiles.size());
        restoredTiles.forEach(t -> colour.add(InpaintProcessorFactory.colourPlanes(t)));
        FloatImage result;
        if (denoise) {
            TileGrid grid = plan.inpaint().grid();
            TileAccumulator accumulator = new TileAccumulator(grid, record.image().colour().channels(),
                    record.image().bitDepth());
            List<TileRegion> tiles = grid.tiles();
            for (int i = 0; i < tiles.size(); i++) {
                accumulator.add(tiles.get(i), colour.get(i));
            }
            result = accumulator.result();
        } else {
            result = tiling.assemble(plan.inpaint(), colour);
        }
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("decode", record.image().decodeMillis());
        timings.put(task(), (System.nanoTime() - plan.started()) / 1_000_000);
        RestoredImage restored = encoder.restore(record.image(), result, task(),
                denoise ? OptionalDouble.of(plan.sigma()) : OptionalDouble.empty(), timings);
        return Either.Left(restored.withMaskedFraction(record.mask().fraction()));
    }

    @Override
    public Either<RestoredImage, DeadLetter> failed(MaskedImage record, Throwable cause) {
        plans().remove(record);
        return Either.Right(DeadLetter.of(record.relativePath(),
                cause instanceof java.io.IOException ? PipelineStage.ENCODE : PipelineStage.INFERENCE, cause));
    }

    private Map<MaskedImage, Plan> plans() {
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
