package dev.imagerestore.job.task;

import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.inpaint.Mask;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a task made of one record: the restored image, the fields of its report line, and the mask
 * to write next to the output, if the run keeps masks. Immutable.
 *
 * @param image the restored image
 * @param label what was done, as the report's {@code task} field names it
 * @param noiseLevel the noise level used (0-255 scale), if the task has one
 * @param maskedFraction the fraction of pixels a mask flagged for repair, if the task had a mask
 * @param rmsChange root-mean-square change from the input in 8-bit levels, if the task measures it
 * @param maskConfidence a detector's mean damage probability over the pixels it flagged, if one ran
 * @param savedMask the mask to write next to the output as {@code name.mask.png}, if any
 */
public record TaskResult(
        FloatImage image,
        String label,
        OptionalDouble noiseLevel,
        OptionalDouble maskedFraction,
        OptionalDouble rmsChange,
        OptionalDouble maskConfidence,
        Optional<Mask> savedMask) {

    public TaskResult {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(noiseLevel, "noiseLevel");
        Objects.requireNonNull(maskedFraction, "maskedFraction");
        Objects.requireNonNull(rmsChange, "rmsChange");
        Objects.requireNonNull(maskConfidence, "maskConfidence");
        Objects.requireNonNull(savedMask, "savedMask");
    }

    /** {@code image}, labelled, without report measures. */
    public static TaskResult of(FloatImage image, String label) {
        return new TaskResult(
                image,
                label,
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                Optional.empty());
    }

    public TaskResult withNoiseLevel(double sigma) {
        return new TaskResult(
                image, label, OptionalDouble.of(sigma), maskedFraction, rmsChange, maskConfidence, savedMask);
    }

    public TaskResult withMaskedFraction(double fraction) {
        return new TaskResult(
                image, label, noiseLevel, OptionalDouble.of(fraction), rmsChange, maskConfidence, savedMask);
    }

    public TaskResult withRmsChange(double levels) {
        return new TaskResult(
                image, label, noiseLevel, maskedFraction, OptionalDouble.of(levels), maskConfidence, savedMask);
    }

    public TaskResult withMaskConfidence(double probability) {
        return new TaskResult(
                image, label, noiseLevel, maskedFraction, rmsChange, OptionalDouble.of(probability), savedMask);
    }

    public TaskResult withSavedMask(Mask mask) {
        return new TaskResult(image, label, noiseLevel, maskedFraction, rmsChange, maskConfidence, Optional.of(mask));
    }
}
