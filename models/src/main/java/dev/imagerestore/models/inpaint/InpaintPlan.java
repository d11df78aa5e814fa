package dev.imagerestore.models.inpaint;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.restore.TileGrid;
import dev.imagerestore.models.restore.TileRegion;
import java.util.List;

/**
 * How one image is inpainted: the tiles of its grid that touch the damage (or its feathered band),
 * each with its samples and damage, ready for a {@link TileBatchInpainter}; {@link InpaintTiling#assemble}
 * turns the filled tiles back into the image. Immutable.
 *
 * @param image the image as given (its known pixels are pasted back from here)
 * @param mask the damage, the image's size
 * @param grid the tiling of the whole image
 * @param regions the tiles that are run, in the order of {@code tiles}
 * @param tiles the tiles to fill, one per region
 */
public record InpaintPlan(
        FloatImage image, Mask mask, TileGrid grid, List<TileRegion> regions, List<MaskedTile> tiles) {

    public InpaintPlan {
        regions = List.copyOf(regions);
        tiles = List.copyOf(tiles);
        if (regions.size() != tiles.size()) {
            throw new IllegalArgumentException(regions.size() + " regions but " + tiles.size() + " tiles");
        }
    }
}
