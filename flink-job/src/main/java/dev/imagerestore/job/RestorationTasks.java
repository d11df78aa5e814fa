package dev.imagerestore.job;

import dev.imagerestore.job.task.BlindRestoreTask;
import dev.imagerestore.job.task.DenoiseTask;
import dev.imagerestore.job.task.Depth2ImgTask;
import dev.imagerestore.job.task.InpaintTask;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.io.ModelLocation;
import dev.imagerestore.models.restore.RestorationNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Which task a {@code restore} run does: the {@code --task} list, checked against the supported
 * ones; without {@code --task}, the one the {@code --model}'s card is made for; without either,
 * {@link #DEFAULT_TASK} with its default model. A model whose card does not fit the task is refused
 * with both named: a blind restorer (prediction {@value RestorationNetwork#PREDICTION}) runs
 * {@code restore}, a denoiser ({@value #DENOISER_PREDICTION}, no conditions) {@code denoise} and
 * {@code inpaint}.
 */
final class RestorationTasks {

    /**
     * The task of a run without {@code --task} or {@code --model}: the blind restorer
     * {@value #RESTORER}, trained on realistic grain, camera noise and compression, which needs no
     * noise level (the white-noise denoiser's estimate reads real grain as almost none).
     */
    static final String DEFAULT_TASK = BlindRestoreTask.NAME;

    /** The zoo's blind restorer, relative to the repository root. */
    static final String RESTORER = "models/zoo/restore-medium";
    /** The zoo's learned damage detector of {@code --mask auto}, relative to the repository root. */
    static final String DETECTOR = "models/zoo/detect-small";

    /** The task lists a job runs: each task alone, and inpainting followed by denoising. */
    static final List<List<String>> SUPPORTED = List.of(
            List.of(DenoiseTask.NAME),
            List.of(InpaintTask.NAME),
            List.of(InpaintTask.NAME, DenoiseTask.NAME),
            List.of(Depth2ImgTask.NAME),
            List.of(BlindRestoreTask.NAME));

    private static final Map<String, String> DEFAULT_MODELS = Map.of(
            DenoiseTask.NAME,
            ModelLocation.DEFAULT_DIRECTORY,
            InpaintTask.NAME,
            ModelLocation.DEFAULT_DIRECTORY,
            Depth2ImgTask.NAME,
            Depth2ImgOptions.DEFAULT_MODEL,
            BlindRestoreTask.NAME,
            RESTORER);

    /** A denoiser's prediction; its card has no conditions. */
    static final String DENOISER_PREDICTION = "eps";

    private RestorationTasks() {}

    /** {@code tasks} if supported, else an IllegalArgumentException that lists the supported ones. */
    static List<String> check(List<String> tasks) {
        List<String> names = SUPPORTED.stream().map(l -> l.get(0)).distinct().toList();
        for (String task : tasks) {
            if (!names.contains(task)) {
                throw new IllegalArgumentException(
                        "--task " + task + " is not a task of this version; use " + described());
            }
        }
        if (!SUPPORTED.contains(tasks)) {
            throw new IllegalArgumentException("--task " + String.join(",", tasks) + " is not a supported combination; "
                    + "use " + described() + " (inpainting first; the others alone)");
        }
        return List.copyOf(tasks);
    }

    /** The task a model is made for, by its card, when {@code --task} is not given. */
    static List<String> forCard(Path model, ModelCard card) {
        if (isDenoiser(card)) {
            return List.of(DenoiseTask.NAME);
        }
        if (isRestorer(card)) {
            return List.of(BlindRestoreTask.NAME);
        }
        throw new IllegalArgumentException("--model " + model + " (" + describe(card) + ") is neither a denoiser nor "
                + "a blind restorer; name its task with --task");
    }

    /** The zoo model of the first task of {@code tasks}. */
    static Path defaultModel(List<String> tasks) {
        return Path.of(DEFAULT_MODELS.get(tasks.get(0)));
    }

    /**
     * Refuses a model whose card does not fit {@code tasks}, naming both; with {@code autoMask}
     * ({@code --mask auto}) {@code --task inpaint} also takes a restorer trained on damage.
     */
    static void checkCard(List<String> tasks, Path model, ModelCard card, boolean autoMask) {
        boolean denoises = tasks.contains(DenoiseTask.NAME) || tasks.contains(InpaintTask.NAME);
        boolean fills = tasks.equals(List.of(InpaintTask.NAME)) && (isFill(card) || autoMask && fillsDamage(card));
        if (denoises && !isDenoiser(card) && !fills) {
            throw new IllegalArgumentException("--task " + String.join(",", tasks) + " needs a denoiser (prediction "
                    + DENOISER_PREDICTION + ", no conditions)"
                    + (tasks.size() == 1 && tasks.contains(InpaintTask.NAME)
                            ? " or a fill network (a restorer trained with train --hole-share, or with --mask auto one "
                                    + "trained with train --damage-share)"
                            : "")
                    + ", but --model " + model + " is " + describe(card)
                    + "; pass a denoiser's --model, or the task this model is made for"
                    + (isRestorer(card) ? " (--task " + BlindRestoreTask.NAME + ")" : ""));
        }
        if (tasks.contains(BlindRestoreTask.NAME) && !isRestorer(card)) {
            throw new IllegalArgumentException("--task " + BlindRestoreTask.NAME
                    + " needs a blind restorer (prediction "
                    + RestorationNetwork.PREDICTION + "), but --model " + model + " is " + describe(card)
                    + "; pass a restorer's --model" + (isDenoiser(card) ? ", or --task " + DenoiseTask.NAME : ""));
        }
    }

    /** Whether {@code card} is a restorer trained on drawn holes, which {@code --task inpaint} runs in one pass. */
    static boolean isFill(ModelCard card) {
        return isRestorer(card) && card.training() != null && card.training().learntHoles();
    }

    /** Whether {@code card} is a restorer trained on rendered damage, which fills what {@code --mask auto} finds. */
    static boolean fillsDamage(ModelCard card) {
        return isRestorer(card) && card.training() != null && card.training().learntDamage();
    }

    private static boolean isRestorer(ModelCard card) {
        return RestorationNetwork.PREDICTION.equals(card.prediction())
                && RestorationNetwork.CONDITIONS.equals(card.conditions());
    }

    private static boolean isDenoiser(ModelCard card) {
        return DENOISER_PREDICTION.equals(card.prediction())
                && card.conditions().isEmpty();
    }

    private static String describe(ModelCard card) {
        return "'" + card.name() + "', prediction " + card.prediction()
                + (card.conditions().isEmpty() ? "" : " from " + card.conditions());
    }

    private static String described() {
        List<String> lists = SUPPORTED.stream().map(l -> String.join(",", l)).toList();
        return String.join(", ", lists.subList(0, lists.size() - 1)) + " or " + lists.get(lists.size() - 1);
    }
}
