package dev.imagerestore.operators.decode;

import java.io.Serializable;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What made an output, for the XMP provenance record every output carries (xmpMM:History's
 * softwareAgent and parameters): the software and its version, the model and the SHA-256 of its
 * weights, and the sampler seed. Immutable and serializable.
 *
 * @param softwareAgent the project's name and version, e.g. "image-restoration 0.1.0"
 * @param model the model's name, or empty if unknown
 * @param weightsSha256 the hex SHA-256 of the model's weights, or empty if unknown
 * @param seed the noise seed of the sampler, if one was set
 */
public record Provenance(String softwareAgent, String model, String weightsSha256, OptionalLong seed)
        implements Serializable {

    public Provenance {
        Objects.requireNonNull(softwareAgent, "softwareAgent");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(weightsSha256, "weightsSha256");
        Objects.requireNonNull(seed, "seed");
        if (softwareAgent.isBlank()) {
            throw new IllegalArgumentException("softwareAgent must name the software, got '" + softwareAgent + "'");
        }
    }

    /** The provenance of a run of this project with no model named. */
    public static Provenance of(String softwareAgent) {
        return new Provenance(softwareAgent, "", "", OptionalLong.empty());
    }
}
