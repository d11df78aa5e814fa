package dev.imagerestore.models.train;

import dev.imagerestore.models.depth.DepthEstimator;
import dev.imagerestore.models.depth.NyuV2;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import dev.imagerestore.models.image.PlaneOps;
import dev.imagerestore.models.translate.Look;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Training crops for the depth- and label-conditioned UNet: each crop comes with two conditioning
 * planes, {@code depth} (inverse depth normalised per image to [-1, 1], near = +1, as Stable
 * Diffusion 2's depth model takes it) and {@code depth-valid} (1 where a depth map exists, 0
 * where it does not), so a folder without depth trains the "depth dropped" branch.
 *
 * <p>Folders: one in the NYUv2 layout ({@link NyuV2#isLayout}) contributes its training split
 * (i &lt; 1300), border cropped and halved to 312x232 so that objects have about the size they have
 * in BSD's 481x321 photographs, with its depth. Any other folder contributes its images (files named
 * {@code *.depth.png} excepted), with depth from a sidecar {@code name.depth.png} (larger = farther)
 * where one exists, else, when an estimator is given, from the estimator run once on the whole
 * image (as Stable Diffusion 2's depth model was trained on MiDaS maps of its images, so that the
 * estimated maps it meets at run time are the kind it learnt from). A folder labelled with a {@link Look}'s name is shown through that look, applied
 * to each crop after sampling (edge pixels of the sketch blur see the crop border, not the image).
 * A folder used under several labels is read once. Pixels are kept as bytes. Not thread-safe.
 */
public final class DepthConditionedImages implements CropSource {

    /** The conditioning planes, in channel order. */
    public static final List<String> CONDITIONS = List.of("depth", "depth-valid");

    /** One image: RGB bytes planar, normalised depth as bytes (null without depth). */
    private record Stored(byte[] rgb, byte[] depth, int height, int width) {}

    private final List<TrainingImages.Source> sources;
    private final List<List<Stored>> images = new ArrayList<>();
    private final List<Optional<Look>> looks = new ArrayList<>();
    private final CropSampling sampling;
    private final int crop;
    private final String provenance;

    private DepthConditionedImages(List<TrainingImages.Source> sources, int crop, DepthEstimator estimator) {
        this.sources = List.copyOf(sources);
        this.crop = crop;
        this.sampling = new CropSampling(sources);
        this.provenance = estimator == null
                ? ""
                : " Images without a depth file were given the depth maps of " + estimator.describe() + ".";
    }

    /** Reads every folder once. @throws IOException if a folder is missing or has no usable image */
    public static DepthConditionedImages load(List<TrainingImages.Source> sources, int crop) throws IOException {
        return load(sources, crop, null);
    }

    /**
     * Reads every folder once; images of plain folders without a sidecar get {@code estimator}'s depth,
     * or none when it is null.
     *
     * @throws IOException if a folder is missing or has no usable image
     */
    public static DepthConditionedImages load(List<TrainingImages.Source> sources, int crop, DepthEstimator estimator)
            throws IOException {
        DepthConditionedImages data = new DepthConditionedImages(sources, crop, estimator);
        Map<Path, List<Stored>> read = new HashMap<>();
        for (TrainingImages.Source source : sources) {
            Path folder = source.folder().toAbsolutePath().normalize();
            List<Stored> list = read.get(folder);
            if (list == null) {
                list = NyuV2.isLayout(folder) ? readNyu(folder, crop) : readFolder(folder, crop, estimator);
                if (list.isEmpty()) {
                    throw new IOException(folder + ": no image of at least " + crop + "x" + crop + " pixels");
                }
                read.put(folder, list);
            }
            data.images.add(list);
            data.looks.add(source.label() == null ? Optional.empty() : Look.forLabel(source.label()));
        }
        return data;
    }

    private static List<Stored> readNyu(Path root, int crop) throws IOException {
        List<Stored> out = new ArrayList<>();
        for (int index : NyuV2.indices(root, false)) {
            NyuV2.Pair pair = NyuV2.read(root, index);
            int h = pair.rgb().height() / 2;
            int w = pair.rgb().width() / 2;
            float[] rgb = new float[3 * h * w];
            float[] planes = pair.rgb().toArray();
            int plane = pair.rgb().height() * pair.rgb().width();
            for (int c = 0; c < 3; c++) {
                float[] one = java.util.Arrays.copyOfRange(planes, c * plane, (c + 1) * plane);
                System.arraycopy(
                        PlaneOps.resize(one, pair.rgb().height(), pair.rgb().width(), h, w), 0, rgb, c * h * w, h * w);
            }
            float[] depth = PlaneOps.resize(
                    pair.depthMetres(), pair.rgb().height(), pair.rgb().width(), h, w);
            if (h >= crop && w >= crop) {
                out.add(new Stored(toBytes(rgb, false), toBytes(PlaneOps.normalizedDisparity(depth), true), h, w));
            }
        }
        return out;
    }

    private static List<Stored> readFolder(Path folder, int crop, DepthEstimator estimator) throws IOException {
        List<Stored> out = new ArrayList<>();
        for (Path file : ImageFiles.list(folder)) {
            String name = file.getFileName().toString();
            if (name.endsWith(".depth.png")) {
                continue;
            }
            FloatImage image = ImageFiles.read(file);
            if (image.height() < crop || image.width() < crop) {
                continue;
            }
            FloatImage rgb = image.channels() == 1 ? image.toThreeChannels() : image;
            Path sidecar = file.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".depth.png");
            byte[] depth = null;
            if (Files.isRegularFile(sidecar)) {
                FloatImage d = ImageFiles.read(sidecar);
                if (d.height() != rgb.height() || d.width() != rgb.width()) {
                    throw new IOException(sidecar + ": depth is " + d.width() + "x" + d.height() + " but " + file
                            + " is " + rgb.width() + "x" + rgb.height());
                }
                depth = toBytes(PlaneOps.normalizedDisparity(d.toOneChannel().toArray()), true);
            } else if (estimator != null) {
                depth = toBytes(estimator.estimate(rgb).normalized(), true);
            }
            out.add(new Stored(toBytes(rgb.toArray(), false), depth, rgb.height(), rgb.width()));
        }
        return out;
    }

    private static byte[] toBytes(float[] values, boolean signed) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            float v = signed ? (values[i] + 1) / 2 : values[i];
            out[i] = (byte) Math.round(255 * Math.max(0, Math.min(1, v)));
        }
        return out;
    }

    @Override
    public List<TrainingImages.Source> sources() {
        return sources;
    }

    /** Distinct images: a folder used under several labels counts once. */
    @Override
    public int imageCount() {
        return images.stream().distinct().mapToInt(List::size).sum();
    }

    @Override
    public int crop() {
        return crop;
    }

    @Override
    public List<String> conditionNames() {
        return CONDITIONS;
    }

    @Override
    public String conditionProvenance() {
        return provenance;
    }

    @Override
    public TrainingImages.Batch sample(SplittableRandom random, int batch) {
        int plane = crop * crop;
        float[] out = new float[batch * 3 * plane];
        float[] conditions = new float[batch * 2 * plane];
        int[] sourceIndex = new int[batch];
        for (int b = 0; b < batch; b++) {
            int s = sampling.pickSource(random.nextDouble());
            List<Stored> list = images.get(s);
            Stored image = list.get(random.nextInt(list.size()));
            int y0 = random.nextInt(image.height() - crop + 1);
            int x0 = random.nextInt(image.width() - crop + 1);
            int k = random.nextInt(8);
            for (int c = 0; c < 3; c++) {
                copy(
                        image.rgb(),
                        c * image.height() * image.width(),
                        image.width(),
                        y0,
                        x0,
                        k,
                        out,
                        (b * 3 + c) * plane,
                        false);
            }
            int offset = b * 3 * plane;
            looks.get(s).ifPresent(look -> look.applyInPlace(out, offset, crop, crop));
            if (image.depth() != null) {
                copy(image.depth(), 0, image.width(), y0, x0, k, conditions, b * 2 * plane, true);
                java.util.Arrays.fill(conditions, (b * 2 + 1) * plane, (b * 2 + 2) * plane, 1f);
            }
            sourceIndex[b] = s;
        }
        return new TrainingImages.Batch(out, new boolean[batch], sourceIndex, conditions);
    }

    /** Copies a crop under dihedral transform {@code k} (as {@link TrainingImages} does). */
    private void copy(byte[] src, int from, int width, int y0, int x0, int k, float[] dst, int to, boolean signed) {
        for (int y = 0; y < crop; y++) {
            for (int x = 0; x < crop; x++) {
                float v = (src[from + CropSampling.sourceOffset(k, crop, y0, x0, y, x, width)] & 0xff) / 255f;
                dst[to + y * crop + x] = signed ? 2 * v - 1 : v;
            }
        }
    }
}
