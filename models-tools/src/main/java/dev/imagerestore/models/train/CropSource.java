package dev.imagerestore.models.train;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Where a diffusion training step gets its crops: plain image folders ({@link TrainingImages}) or
 * folders with depth maps and rendered looks ({@link DepthConditionedImages}). Implementations are
 * not thread-safe.
 */
public interface CropSource {

    /** The folders, in the order {@link TrainingImages.Batch#sourceIndex()} refers to. */
    List<TrainingImages.Source> sources();

    int imageCount();

    int crop();

    /** Names of the conditioning planes each crop comes with, in channel order; empty for none. */
    List<String> conditionNames();

    /**
     * Where the conditioning planes come from, as a sentence for the model card, e.g. which
     * estimator filled in missing depth maps; empty when there is nothing to say.
     */
    default String conditionProvenance() {
        return "";
    }

    /** Draws {@code batch} random crops (and their conditioning planes). */
    TrainingImages.Batch sample(SplittableRandom random, int batch);
}
