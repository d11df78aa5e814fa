package dev.imagerestore.job.task;

import dev.imagerestore.models.image.FloatImage;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a task made of one record: the restored image and the fields of its report line. Immutable.
 *
 * @param image the restored image
 * @param label what was done, as the report's {@code task} field names it
 * @param noiseLevel the noise level used (0-255 scale), if the task has one
 * @param maskedFraction the fraction of pixels a mask flagged for repair, if the task had a mask
 */
public record TaskResult(FloatImage image, String label, OptionalDouble noiseLevel, OptionalDouble maskedFraction) {

    public TaskResult {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(noiseLevel, "noiseLevel");
        Objects.requireNonNull(maskedFraction, "maskedFraction");
    }

    /** {@code image}, labelled, without report measures. */
    public static TaskResult of(FloatImage image, String label) {
        return new TaskResult(image, label, OptionalDouble.empty(), OptionalDouble.empty());
    }

    public TaskResult withNoiseLevel(double sigma) {
        return new TaskResult(image, label, OptionalDouble.of(sigma), maskedFraction);
    }

    public TaskResult withMaskedFraction(double fraction) {
        return new TaskResult(image, label, noiseLevel, OptionalDouble.of(fraction));
    }
}
