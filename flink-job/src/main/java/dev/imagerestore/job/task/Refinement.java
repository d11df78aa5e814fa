package dev.imagerestore.job.task;

import dev.imagerestore.models.sampler.SamplerKind;
import java.io.Serializable;
import java.util.Objects;

/**
 * The sampler steps a task runs after its one-step estimate, the sampler that runs them, and the
 * seed of their noise. Immutable.
 *
 * @param steps sampler steps (0 = the one-step estimate alone)
 * @param sampler the sampler of those steps
 * @param seed the seed of their noise (each image's draws are keyed by its relative path)
 */
public record Refinement(int steps, SamplerKind sampler, long seed) implements Serializable {

    public Refinement {
        Objects.requireNonNull(sampler, "sampler");
        if (steps < 0) {
            throw new IllegalArgumentException("--refine-steps must be >= 0, got " + steps);
        }
    }

    /** The one-step estimate alone. */
    public static Refinement none() {
        return new Refinement(0, SamplerKind.DDIM, 0);
    }
}
