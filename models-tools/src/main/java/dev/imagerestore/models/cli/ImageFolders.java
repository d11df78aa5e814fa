package dev.imagerestore.models.cli;

import dev.imagerestore.models.train.TrainingImages;
import java.util.List;
import picocli.CommandLine.Option;

/** The training images of the trainers on image folders ({@code train}, {@code train-detector}): folders and crop size. */
final class ImageFolders {

    @Option(
            names = "--data",
            required = true,
            paramLabel = "[LABEL=]DIR[@WEIGHT]",
            description = "A training folder (repeatable). Folders are sampled by weight (default 1 each); "
                    + "LABEL= names the target label of a label-conditioned model (train only); with --conditions "
                    + "depth a label naming a look (pencil-sketch, sepia-print, night) renders the folder through "
                    + "that look.")
    List<String> data;

    @Option(names = "--crop", defaultValue = "64", description = "Crop side in pixels (default ${DEFAULT-VALUE}).")
    int crop;

    /** The parsed {@code --data} folders. */
    List<TrainingImages.Source> sources() {
        return data.stream().map(TrainingImages.Source::parse).toList();
    }
}
