package dev.imagerestore.models.train;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training images held in memory as three-channel planes, and the random crops a training step
 * draws from them: a source is picked by its weight, an image uniformly within it, a crop position
 * uniformly, and one of the eight flips/rotations of the square (the dihedral group D4).
 *
 * <p>Grayscale images are kept as three equal channels and flagged, so the trainer can give them
 * noise that is equal across channels too: that is how a grayscale scan reaches the network at
 * restoration time. Not thread-safe.
 */
public final class TrainingImages implements CropSource {

    /** A folder of images with its sampling weight and (for label-conditioned models) its label. */
    public record Source(String label, Path folder, double weight) {

        public Source {
            if (!(weight > 0)) {
                throw new IllegalArgumentException("source weight must be > 0, got " + weight + " for " + folder);
            }
        }

        /** Parses {@code [label=]DIR[@weight]}. */
        public static Source parse(String spec) {
            String label = null;
            String rest = spec;
            int eq = spec.indexOf('=');
            if (eq > 0) {
                label = spec.substring(0, eq);
                rest = spec.substring(eq + 1);
            }
            double weight = 1.0;
            int at = rest.lastIndexOf('@');
            if (at > 0) {
                weight = Double.parseDouble(rest.substring(at + 1));
                rest = rest.substring(0, at);
            }
            return new Source(label, Path.of(rest), weight);
        }
    }

    /**
     * One sampled batch: planar NCHW samples in [0, 1], which entries are grayscale, their folders,
     * and the planar conditioning planes of each crop ({@code null} when the source has none).
     */
    public record Batch(float[] samples, boolean[] grayscale, int[] sourceIndex, float[] conditions) {

        public Batch(float[] samples, boolean[] grayscale, int[] sourceIndex) {
            this(samples, grayscale, sourceIndex, null);
        }
    }

    private final List<Source> sources;
    private final List<List<float[]>> planes = new ArrayList<>();
    private final List<List<int[]>> sizes = new ArrayList<>();
    private final List<List<Boolean>> gray = new ArrayList<>();
    private final CropSampling sampling;
    private final int crop;

    private TrainingImages(List<Source> sources, int crop) {
        this.sources = List.copyOf(sources);
        this.crop = crop;
        this.sampling = new CropSampling(sources);
    }

    /**
     * Reads every image under the sources' folders.
     *
     * @throws IOException if a folder is missing or holds no image at least {@code crop} on each side
     */
    public static TrainingImages load(List<Source> sources, int crop) throws IOException {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("at least one training folder is needed");
        }
        TrainingImages images = new TrainingImages(sources, crop);
        for (Source source : sources) {
            List<float[]> p = new ArrayList<>();
            List<int[]> s = new ArrayList<>();
            List<Boolean> g = new ArrayList<>();
            for (Path file : ImageFiles.list(source.folder())) {
                FloatImage image = ImageFiles.read(file);
                if (image.height() < crop || image.width() < crop) {
                    continue;
                }
                g.add(image.channels() == 1);
                FloatImage rgb = image.channels() == 1 ? image.toThreeChannels() : image;
                p.add(rgb.toArray());
                s.add(new int[] {rgb.height(), rgb.width()});
            }
            if (p.isEmpty()) {
                throw new IOException(source.folder() + ": no image of at least " + crop + "x" + crop + " pixels");
            }
            images.planes.add(p);
            images.sizes.add(s);
            images.gray.add(g);
        }
        return images;
    }

    @Override
    public List<String> conditionNames() {
        return List.of();
    }

    @Override
    public List<Source> sources() {
        return sources;
    }

    @Override
    public int imageCount() {
        return planes.stream().mapToInt(List::size).sum();
    }

    @Override
    public int crop() {
        return crop;
    }

    /** Draws {@code batch} random augmented crops. */
    @Override
    public Batch sample(SplittableRandom random, int batch) {
        int plane = crop * crop;
        float[] out = new float[batch * 3 * plane];
        boolean[] grayscale = new boolean[batch];
        int[] sourceIndex = new int[batch];
        for (int b = 0; b < batch; b++) {
            int s = sampling.pickSource(random.nextDouble());
            int i = random.nextInt(planes.get(s).size());
            int[] size = sizes.get(s).get(i);
            int y0 = random.nextInt(size[0] - crop + 1);
            int x0 = random.nextInt(size[1] - crop + 1);
            copyCrop(planes.get(s).get(i), size, y0, x0, random.nextInt(8), out, b * 3 * plane);
            grayscale[b] = gray.get(s).get(i);
            sourceIndex[b] = s;
        }
        return new Batch(out, grayscale, sourceIndex);
    }

    /** Copies a crop under dihedral transform {@code k}: bit 2 transposes, bit 0 flips x, bit 1 flips y. */
    private void copyCrop(float[] image, int[] size, int y0, int x0, int k, float[] out, int offset) {
        int height = size[0];
        int width = size[1];
        for (int c = 0; c < 3; c++) {
            int planeOffset = c * height * width;
            for (int y = 0; y < crop; y++) {
                for (int x = 0; x < crop; x++) {
                    out[offset + (c * crop + y) * crop + x] =
                            image[planeOffset + CropSampling.sourceOffset(k, crop, y0, x0, y, x, width)];
                }
            }
        }
    }
}
