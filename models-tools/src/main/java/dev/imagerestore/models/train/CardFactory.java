package dev.imagerestore.models.train;

import dev.imagerestore.models.io.ModelCard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** The model card a training run writes: architecture, schedule, data and how it was made. */
final class CardFactory {

    private CardFactory() {}

    static ModelCard trainingCard(TrainingSettings s, CropSource data, long step, double wallSeconds, double loss)
            throws java.io.IOException {
        ModelCard.Training training = training(s, step, wallSeconds, loss);
        String description = String.format(
                Locale.ROOT,
                "Noise-predicting UNet (eps) trained with this project's Java trainer on %d images; "
                        + "%.0f%% of timesteps drawn from pixel noise levels 0.5-%.0f/255, the rest uniform.",
                data.imageCount(),
                100 * s.sampler().restorationShare(),
                s.sampler().maxPixelSigma());
        if (!data.conditionNames().isEmpty()) {
            description += " Conditioned on " + data.conditionNames() + " (zeroed when absent or dropped) and on the "
                    + "labels " + vocabulary(s.sources()) + "; labels naming a look are rendered on the fly "
                    + "(see dev.imagerestore.models.translate.Look)." + data.conditionProvenance();
        }
        return new ModelCard(
                ModelCard.FORMAT,
                s.name(),
                description,
                s.architecture(),
                data.conditionNames(),
                vocabulary(s.sources()),
                ModelCard.GRAYSCALE_AS_THREE_CHANNELS,
                ModelCard.Schedule.of(s.schedule()),
                "eps",
                training,
                null,
                Map.of());
    }

    /** The training record of a run on image folders at {@code step}: its data, settings, command and parent. */
    static ModelCard.Training training(TrainingSettings s, long step, double wallSeconds, double loss)
            throws java.io.IOException {
        List<ModelCard.DataSource> sources = new ArrayList<>();
        for (TrainingImages.Source source : s.sources()) {
            sources.add(new ModelCard.DataSource(
                    dataSetName(source.folder()), source.folder().toString(), termsOf(source.folder())));
        }
        return new ModelCard.Training(
                sources,
                step,
                s.batch(),
                s.crop(),
                s.learningRate(),
                s.seed(),
                Math.round(wallSeconds),
                hardware(),
                s.command(),
                loss,
                InitialWeights.recordedParent(s.workDirectory()));
    }

    /** The sorted distinct labels of the sources; empty for unlabelled training. */
    static List<String> vocabulary(List<TrainingImages.Source> sources) {
        TreeSet<String> labels = new TreeSet<>();
        sources.stream()
                .map(TrainingImages.Source::label)
                .filter(l -> l != null)
                .forEach(labels::add);
        return List.copyOf(labels);
    }

    private static String dataSetName(Path folder) {
        return folder.getFileName() == null
                ? folder.toString()
                : folder.getFileName().toString();
    }

    /** Terms of the data sets this project trains on, from ../shared/data/README.md. */
    static String termsOf(Path folder) {
        String path = folder.toString();
        if (path.contains("CBSD432") || path.contains("Train400") || path.contains("BSD")) {
            return "Berkeley Segmentation Dataset (Martin et al., ICCV 2001): research use; images not redistributed";
        }
        if (path.contains("NYU")) {
            return "NYU Depth V2 (Silberman et al., ECCV 2012): research use; images not redistributed";
        }
        return "user-supplied images";
    }

    static String hardware() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: keep the generic name
        }
        return Runtime.getRuntime().availableProcessors() + " cores of " + cpu + ", " + System.getProperty("os.arch")
                + ", no GPU";
    }
}
