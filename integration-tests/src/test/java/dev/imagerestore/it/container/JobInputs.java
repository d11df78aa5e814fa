package dev.imagerestore.it.container;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.io.ModelDirectory;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.schedule.NoiseSchedule;
import dev.imagerestore.models.unet.UNet;
import dev.imagerestore.models.unet.UNetConfig;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * What the container tests feed the job: a tiny randomly initialised model (the deployment is under
 * test, not the model's quality) and generated noisy images (smooth gradients plus seeded Gaussian
 * grain), never third-party pictures.
 */
final class JobInputs {

    /** Three levels of 16/16/32 channels: the smallest UNet the job accepts; tiles are multiples of 4. */
    static final UNetConfig TINY = new UNetConfig(3, 0, List.of(16, 16, 32), 1, false, 8, 0);

    private JobInputs() {}

    /** Saves the tiny model with random weights (fixed by DJL's initialiser) into {@code directory}. */
    static void writeTinyModel(Path directory) throws IOException {
        TorchThreads.configure(1);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Block block = UNet.build(TINY);
            block.initialize(manager, DataType.FLOAT32, UNet.inputShapes(TINY, 1, 16));
            ModelCard card = new ModelCard(
                    ModelCard.FORMAT,
                    "tiny-container-test",
                    "random weights for deployment tests",
                    TINY,
                    List.of(),
                    List.of(),
                    ModelCard.GRAYSCALE_AS_THREE_CHANNELS,
                    ModelCard.Schedule.of(NoiseSchedule.ddpmLinear()),
                    "eps",
                    null,
                    null,
                    Map.of());
            ModelDirectory.save(directory, block, card);
        }
    }

    /**
     * Writes a noisy {@code width x height} image to {@code file} (format from its extension: png or jpg),
     * 8-bit RGB, or 16-bit grey when {@code sixteenBit}.
     */
    static void writeImage(Path file, int width, int height, long seed, boolean sixteenBit) throws IOException {
        BufferedImage image = new BufferedImage(
                width, height, sixteenBit ? BufferedImage.TYPE_USHORT_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        WritableRaster raster = image.getRaster();
        SplittableRandom random = new SplittableRandom(seed);
        double max = sixteenBit ? 65535 : 255;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int band = 0; band < raster.getNumBands(); band++) {
                    double clean = 0.2 + 0.6 * (x + band * y) / (double) (width + band * height);
                    double noisy = clean + 0.08 * random.nextGaussian();
                    raster.setSample(x, y, band, (int) Math.round(Math.min(1, Math.max(0, noisy)) * max));
                }
            }
        }
        String name = file.getFileName().toString();
        String format = name.substring(name.lastIndexOf('.') + 1);
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling("." + name + ".partial");
        if (!ImageIO.write(image, "jpg".equals(format) ? "jpeg" : format, partial.toFile())) {
            throw new IOException("no ImageIO writer for " + format + " (" + file + ")");
        }
        // write-then-rename: a watching job never sees a half-written file
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
