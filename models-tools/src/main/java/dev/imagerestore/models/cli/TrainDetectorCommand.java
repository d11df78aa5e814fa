package dev.imagerestore.models.cli;

import dev.imagerestore.models.damage.DamageGenerator;
import dev.imagerestore.models.degrade.Degradations;
import dev.imagerestore.models.detect.DamageNetwork;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.train.DetectorTrainer;
import dev.imagerestore.models.train.TrainingImages;
import dev.imagerestore.models.train.TrainingResult;
import dev.imagerestore.models.train.TrainingSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train-detector}: trains the per-pixel damage detector on clean image folders and writes a model directory. */
@Command(
        name = "train-detector",
        mixinStandardHelpOptions = true,
        description = "Train the per-pixel damage detector (a UNet with one logit per pixel) on folders of clean "
                + "images: damage is rendered on the fly, then scan effects (CPU, resumable).")
public final class TrainDetectorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TrainingOptions training;

    @Mixin
    ImageFolders folders;

    @Option(
            names = "--scan-effects",
            defaultValue = "realistic",
            paramLabel = "SPEC",
            description =
                    "Scan effects applied after the damage: realistic, realistic-camera, jpeg-grain, camera-noise, camera-jpeg, awgn:SIGMA, none or a mixture A+B@SHARE "
                            + "(default ${DEFAULT-VALUE}).")
    String scanEffects;

    @Option(
            names = "--positive-weight",
            defaultValue = "" + DetectorTrainer.DEFAULT_POSITIVE_WEIGHT,
            description = "Loss weight of a damaged pixel against a clean one; above 1 favours recall "
                    + "(default ${DEFAULT-VALUE}).")
    double positiveWeight;

    @Option(
            names = "--damage-canvas",
            paramLabel = "PIXELS",
            description = "Draw the damage on canvases of this side and train on a random crop of each, so that "
                    + "tears and corners are as large as in whole photographs (default: the crop; images smaller "
                    + "than the canvas are not used).")
    Integer damageCanvas;

    @Option(
            names = "--gray-share",
            defaultValue = "0",
            paramLabel = "FRACTION",
            description = "Share of the colour crops turned grey before damage is drawn (default ${DEFAULT-VALUE}).")
    double grayShare;

    @Option(
            names = "--overexpose-share",
            defaultValue = "0",
            paramLabel = "FRACTION",
            description =
                    "Share of the crops overexposed before damage is drawn (a gain of 1.2-2.5, clipped at white), "
                            + "so that flat white regions with natural edges are learnt as clean (default ${DEFAULT-VALUE}).")
    double overexposeShare;

    @Option(
            names = "--name",
            defaultValue = "detector-small",
            description = "Model name for the card (default ${DEFAULT-VALUE}).")
    String name;

    @Override
    public Integer call() throws Exception {
        TorchThreads.configure(training.threads);
        TrainingSettings settings = training.settings(
                        folders,
                        DamageNetwork.architecture(
                                training.widths, training.resBlocks, training.attention, training.groups),
                        name,
                        TrainCommand.recordedCommand(spec))
                .build();
        DamageGenerator damage =
                DamageGenerator.builder().setSeed(training.seed).build();
        Degradations scan = Degradations.parse(scanEffects, DetectorTrainer.scanSeed(training.seed));
        DetectorTrainer.Rendering rendering = new DetectorTrainer.Rendering(
                damageCanvas == null ? folders.crop : damageCanvas, grayShare, overexposeShare);
        TrainingImages images = TrainingImages.load(settings.sources(), rendering.canvas());
        System.out.println("training the damage detector on " + images.imageCount() + " images from "
                + settings.sources().size() + " folders");
        TrainingResult result;
        try (GracefulStop stop = GracefulStop.install(System.out::println)) {
            result = new DetectorTrainer(settings, images, damage, scan, positiveWeight, rendering, System.out::println)
                    .run(training.lastStep(), stop);
        }
        System.out.println("wrote " + training.output + " after " + result.steps() + " steps");
        return 0;
    }
}
