package dev.imagerestore.models.inpaint;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.restore.TileGrid;
import dev.imagerestore.models.restore.TileRegion;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The image side of inpainting, without a network: which tiles to run and how their results go
 * back. Apart from the {@link TileBatchInpainter} so that a pipeline can split and assemble on one
 * thread and run the tiles on another.
 *
 * <p>Tiles: the image is covered by the restoration {@link TileGrid} and only the tiles whose region
 * holds a pixel of the damage dilated by the feather width are run, so local damage costs a few tiles
 * with the grid's overlap as context, never the whole image. Since every tile covering a damaged
 * pixel is run, the grid's blending weights add up to one there. Before tiling, the damaged pixels
 * are given a smooth first guess ({@link HoleFill}); the damaged samples themselves are never read.
 *
 * <p>Paste back: a pixel outside the mask and farther than {@code feather} from it keeps its input
 * sample bit for bit; a damaged pixel takes the blended fill; a pixel at Chebyshev distance
 * {@code d <= feather} from the mask takes {@code w fill + (1 - w) input} with
 * {@code w = 1 - d/(feather + 1)}, a linear seam. A one-channel image is run as three equal channels
 * and gets the channel mean of the fill. Immutable and thread-safe.
 */
public final class InpaintTiling implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int tileSize;
    private final int overlap;
    private final int sizeMultiple;
    private final int feather;

    public InpaintTiling(int tileSize, int overlap, int sizeMultiple, int feather) {
        if (feather < 0 || feather > InpaintSettings.MAX_FEATHER) {
            throw new IllegalArgumentException(
                    "feather " + feather + " must be in [0, " + InpaintSettings.MAX_FEATHER + "]");
        }
        TileGrid.cover(1, 1, tileSize, overlap, sizeMultiple);
        this.tileSize = tileSize;
        this.overlap = overlap;
        this.sizeMultiple = sizeMultiple;
        this.feather = feather;
    }

    /**
     * The tiles to run for {@code image} with damage {@code mask} (resized nearest-neighbour to the
     * image first when its size differs); {@code imageId} keys the tiles' noise.
     */
    public InpaintPlan plan(FloatImage image, Mask mask, long imageId) {
        if (image.channels() != 1 && image.channels() != 3) {
            throw new IllegalArgumentException("inpainting takes 1- or 3-channel images, got " + image.channels());
        }
        Mask damage = mask.resizedTo(image.height(), image.width());
        TileGrid grid = TileGrid.cover(image.height(), image.width(), tileSize, overlap, sizeMultiple);
        Mask reach = damage.dilated(feather);
        FloatImage start = HoleFill.fill(image, damage);
        FloatImage damageImage = damage.toImage();
        List<TileRegion> regions = new ArrayList<>();
        List<MaskedTile> tiles = new ArrayList<>();
        for (TileRegion region : grid.tiles()) {
            if (reach.intersects(region.y(), region.x(), region.size(), region.size())) {
                regions.add(region);
                tiles.add(new MaskedTile(
                        grid.extract(start, region, 3),
                        grid.extract(damageImage, region, 1),
                        region.size(),
                        imageId,
                        region.y(),
                        region.x()));
            }
        }
        return new InpaintPlan(image, damage, grid, regions, tiles);
    }

    /** The repaired image from the filled tiles (planar, 3 channels, one per tile of the plan, in order). */
    public FloatImage assemble(InpaintPlan plan, List<float[]> filled) {
        if (filled.size() != plan.tiles().size()) {
            throw new IllegalArgumentException(filled.size() + " filled tiles for a plan of "
                    + plan.tiles().size());
        }
        FloatImage image = plan.image();
        int h = image.height();
        int w = image.width();
        int plane = h * w;
        float[] fill = new float[3 * plane];
        TileGrid grid = plan.grid();
        for (int k = 0; k < filled.size(); k++) {
            TileRegion region = plan.regions().get(k);
            float[] tile = filled.get(k);
            int s = region.size();
            if (tile.length != 3 * s * s) {
                throw new IllegalArgumentException(
                        "filled tile " + k + " has " + tile.length + " samples, expected " + 3 * s * s);
            }
            for (int dy = 0; dy < Math.min(s, h - region.y()); dy++) {
                for (int dx = 0; dx < Math.min(s, w - region.x()); dx++) {
                    float weight = grid.weight(region, dy, dx);
                    int at = (region.y() + dy) * w + region.x() + dx;
                    for (int c = 0; c < 3; c++) {
                        fill[c * plane + at] += weight * tile[(c * s + dy) * s + dx];
                    }
                }
            }
        }
        return paste(image, plan.mask(), fill);
    }

    private FloatImage paste(FloatImage image, Mask damage, float[] fill) {
        int w = image.width();
        int plane = image.height() * w;
        float[] out = image.toArray();
        float[] weights = seamWeights(damage);
        for (int i = 0; i < plane; i++) {
            float weight = weights[i];
            if (weight == 0) {
                continue;
            }
            for (int c = 0; c < image.channels(); c++) {
                float value = image.channels() == 3
                        ? fill[c * plane + i]
                        : (fill[i] + fill[plane + i] + fill[2 * plane + i]) / 3f;
                out[c * plane + i] = weight == 1 ? value : weight * value + (1 - weight) * out[c * plane + i];
            }
        }
        return FloatImage.wrap(image.channels(), image.height(), w, image.bitDepth(), out);
    }

    /** 1 on the mask, {@code 1 - d/(feather + 1)} at distance d <= feather, 0 elsewhere. */
    private float[] seamWeights(Mask damage) {
        int w = damage.width();
        float[] weights = new float[damage.height() * w];
        for (int d = 0; d <= feather; d++) {
            Mask ring = d == 0 ? damage : damage.dilated(d);
            float value = 1f - d / (float) (feather + 1);
            for (int i = 0; i < weights.length; i++) {
                if (weights[i] == 0 && ring.get(i / w, i % w)) {
                    weights[i] = value;
                }
            }
        }
        return weights;
    }
}
