package dev.imagerestore.operators.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Small records for the inference tests: an "image" is a number of 1x2x2 tiles filled with one
 * value, restored by summing its tiles; {@link Adapter} is the {@link WorkAdapter} that binds them
 * tile by tile (its plan: the tile count), {@link WholeImageAdapter} the one that sends them whole.
 */
final class TestImages {

    static final int TILE_SIDE = 2;
    static final int TILE_SAMPLES = TILE_SIDE * TILE_SIDE;

    private TestImages() {}

    /** An image {@code id} of {@code tiles} tiles with all samples {@code value}; tiles < 0 cannot be split. */
    record Image(long id, int tiles, float value) {}

    /** The output: restored with the sum of its restored samples, or a dead letter with the error. */
    record Result(long id, boolean restored, double sum, String error) {}

    static Image image(long id, int tiles, float value) {
        return new Image(id, tiles, value);
    }

    /** What a restored image sums to when every sample becomes {@code 1 - value}. */
    static double restoredSum(Image image) {
        return image.tiles() * TILE_SAMPLES * (1.0 - image.value());
    }

    static final class Adapter implements WorkAdapter<Image, Integer, TileWork, float[], Result> {

        private static final long serialVersionUID = 1L;

        @Override
        public PlannedWork<Integer, TileWork> split(Image image) {
            if (image.tiles() < 0) {
                throw new IllegalArgumentException("image " + image.id() + " cannot be split");
            }
            List<TileWork> tiles = new ArrayList<>();
            for (int i = 0; i < image.tiles(); i++) {
                float[] samples = new float[TILE_SAMPLES];
                Arrays.fill(samples, image.value());
                tiles.add(new TileWork(samples, TILE_SIDE, 25, image.id(), 0, i * TILE_SIDE));
            }
            return new PlannedWork<>(tiles.size(), tiles);
        }

        @Override
        public Result assemble(Image image, Integer tileCount, List<float[]> restoredTiles) {
            if (tileCount != restoredTiles.size()) {
                throw new IllegalStateException(tileCount + " tiles planned, " + restoredTiles.size() + " restored");
            }
            double sum = 0;
            for (float[] tile : restoredTiles) {
                for (float v : tile) {
                    sum += v;
                }
            }
            return new Result(image.id(), true, sum, null);
        }

        @Override
        public Result failed(Image image, Throwable cause) {
            return new Result(
                    image.id(), false, Double.NaN, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }

    /** Sends an image whole to a {@link TestingImageProcessor}; images with fewer than 0 tiles cannot be prepared. */
    static final class WholeImageAdapter implements WorkAdapter<Image, Void, Image, Double, Result> {

        private static final long serialVersionUID = 1L;

        @Override
        public PlannedWork<Void, Image> split(Image image) {
            if (image.tiles() < 0) {
                throw new IllegalArgumentException("image " + image.id() + " cannot be prepared");
            }
            return PlannedWork.single(null, image);
        }

        @Override
        public Result assemble(Image image, Void plan, List<Double> sums) {
            return new Result(image.id(), true, sums.get(0), null);
        }

        @Override
        public Result failed(Image image, Throwable cause) {
            return new Result(
                    image.id(), false, Double.NaN, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }
}
