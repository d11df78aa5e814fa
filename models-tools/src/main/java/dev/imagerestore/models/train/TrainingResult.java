package dev.imagerestore.models.train;

import dev.imagerestore.models.io.ModelCard;

/**
 * What a training run ends with: the card of the model directory written last, the step it reached,
 * and the mean loss of its last progress window.
 *
 * @param card the card written at the last checkpoint (read back if this run had no step to do)
 * @param steps the step the run reached
 * @param recentLoss mean training loss of the last progress window (NaN if no step ran)
 */
public record TrainingResult(ModelCard card, long steps, double recentLoss) {}
