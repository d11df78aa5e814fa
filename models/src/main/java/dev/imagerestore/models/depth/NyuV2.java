package dev.imagerestore.models.depth;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The labelled NYU Depth V2 subset (Silberman et al., "Indoor Segmentation and Support Inference
 * from RGBD Images", ECCV 2012) in the layout of {@code ../shared/data/depth/NYUv2}:
 * {@code nyu_images/i.jpg} (640x480 RGB) and {@code nyu_depths/i.png} (8-bit filled depth, metres
 * = v / 255 * 10). Images {@code i < 1300} are for training, {@code i >= 1300} for evaluation.
 *
 * <p>The RGB frames carry a white border (6 to 8 pixels on each side, measured on this copy);
 * {@link #read} crops {@link #BORDER} pixels from every side of both planes. Stateless.
 */
public final class NyuV2 {

    /** Pixels cropped from each side of both planes. */
    public static final int BORDER = 8;
    /** The first index of the evaluation split. */
    public static final int FIRST_TEST_INDEX = 1300;
    /** Metres per unit of the 8-bit depth PNG read as a [0, 1] float. */
    public static final float METRES_AT_FULL_SCALE = 10f;

    /** One RGB-D pair, border cropped; {@code depthMetres} is row-major at the image's size. */
    public record Pair(int index, FloatImage rgb, float[] depthMetres) {}

    private NyuV2() {}

    /** Whether {@code root} holds the {@code nyu_images/} and {@code nyu_depths/} folders. */
    public static boolean isLayout(Path root) {
        return Files.isDirectory(root.resolve("nyu_images")) && Files.isDirectory(root.resolve("nyu_depths"));
    }

    /** The sorted indices of one split ({@code test}: i >= 1300) that have both files. */
    public static List<Integer> indices(Path root, boolean test) throws IOException {
        if (!isLayout(root)) {
            throw new IOException(root + ": not an NYUv2 folder (expected nyu_images/ and nyu_depths/ inside)");
        }
        List<Integer> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(root.resolve("nyu_images"))) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".jpg")) {
                    continue;
                }
                int index = Integer.parseInt(name.substring(0, name.length() - 4));
                if ((index >= FIRST_TEST_INDEX) == test && Files.isRegularFile(depthFile(root, index))) {
                    out.add(index);
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** Reads pair {@code index}, border cropped. */
    public static Pair read(Path root, int index) throws IOException {
        FloatImage rgb = ImageFiles.read(root.resolve("nyu_images").resolve(index + ".jpg"));
        FloatImage depth = ImageFiles.read(depthFile(root, index));
        if (depth.height() != rgb.height() || depth.width() != rgb.width() || rgb.channels() != 3) {
            throw new IOException(depthFile(root, index) + ": depth is " + depth.width() + "x" + depth.height()
                    + " but its RGB frame is " + rgb.width() + "x" + rgb.height() + "x" + rgb.channels());
        }
        int height = rgb.height() - 2 * BORDER;
        int width = rgb.width() - 2 * BORDER;
        float[] planes = new float[3 * height * width];
        float[] metres = new float[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    planes[(c * height + y) * width + x] = rgb.get(c, y + BORDER, x + BORDER);
                }
                metres[y * width + x] = depth.get(0, y + BORDER, x + BORDER) * METRES_AT_FULL_SCALE;
            }
        }
        return new Pair(index, FloatImage.wrap(3, height, width, 8, planes), metres);
    }

    private static Path depthFile(Path root, int index) {
        return root.resolve("nyu_depths").resolve(index + ".png");
    }
}
