package dev.imagerestore.operators.decode;

import dev.imagerestore.operators.ImageMetadata;
import dev.imagerestore.operators.decode.internal.XmpProvenance;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What made an output, for the XMP provenance record every output carries (xmpMM:History's
 * softwareAgent and parameters): the software and its version, the model and the SHA-256 of its
 * weights, and the sampler seed. Immutable and serializable (it travels inside the encoder).
 *
 * <p>The record's time (stEvt:when) is the moment each output is encoded, unless a fixed time is
 * set ({@link #withFixedTime}): the {@code restore} command sets it from {@code SOURCE_DATE_EPOCH},
 * the reproducible-builds convention, so that two runs over the same input write byte-identical
 * files.
 */
public final class Provenance implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String softwareAgent;
    private final String model;
    private final String weightsSha256;
    private final Long seed;
    private final Instant fixedTime;

    /**
     * @param softwareAgent the project's name and version, e.g. "image-restoration 0.1.0"
     * @param model the model's name, or empty if unknown
     * @param weightsSha256 the hex SHA-256 of the model's weights, or empty if unknown
     * @param seed the noise seed of the sampler, if one was set
     */
    public Provenance(String softwareAgent, String model, String weightsSha256, OptionalLong seed) {
        this(softwareAgent, model, weightsSha256, seed, null);
    }

    private Provenance(String softwareAgent, String model, String weightsSha256, OptionalLong seed, Instant fixed) {
        this.fixedTime = fixed;
        this.softwareAgent = Objects.requireNonNull(softwareAgent, "softwareAgent");
        this.model = Objects.requireNonNull(model, "model");
        this.weightsSha256 = Objects.requireNonNull(weightsSha256, "weightsSha256");
        this.seed = seed.isPresent() ? seed.getAsLong() : null;
        if (softwareAgent.isBlank()) {
            throw new IllegalArgumentException("softwareAgent must name the software, got '" + softwareAgent + "'");
        }
    }

    /** This provenance with every output's record dated {@code time} instead of when it was encoded. */
    public Provenance withFixedTime(Instant time) {
        return new Provenance(softwareAgent, model, weightsSha256, seed(), Objects.requireNonNull(time, "time"));
    }

    /**
     * This provenance dated by {@code sourceDateEpoch}, the value of the {@code SOURCE_DATE_EPOCH}
     * environment variable (seconds since 1970-01-01 UTC); unchanged when it is null or empty.
     *
     * @throws IllegalArgumentException naming the value when it is not a non-negative integer
     */
    public Provenance withSourceDateEpoch(String sourceDateEpoch) {
        if (sourceDateEpoch == null || sourceDateEpoch.isEmpty()) {
            return this;
        }
        long seconds;
        try {
            seconds = Long.parseLong(sourceDateEpoch.trim());
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 0 || seconds > Instant.MAX.getEpochSecond()) {
            throw new IllegalArgumentException("SOURCE_DATE_EPOCH must be a whole number of seconds since "
                    + "1970-01-01 UTC, e.g. 1767225600, got '" + sourceDateEpoch
                    + "'; unset it to date outputs when they are written");
        }
        return withFixedTime(Instant.ofEpochSecond(seconds));
    }

    /** The time an output's record names: the fixed time if one is set, else now. */
    public Instant time() {
        return fixedTime == null ? Instant.now() : fixedTime;
    }

    /** The provenance of a run of this project with no model named. */
    public static Provenance of(String softwareAgent) {
        return new Provenance(softwareAgent, "", "", OptionalLong.empty());
    }

    /**
     * The input path an output of this project was restored from, read from the provenance record
     * in its metadata; empty if the metadata holds no record written by {@value ImageEncoder#DEFAULT_AGENT}.
     */
    public static Optional<String> derivedFrom(ImageMetadata metadata) {
        return XmpProvenance.derivedFrom(metadata.xmp(), ImageEncoder.DEFAULT_AGENT);
    }

    public String softwareAgent() {
        return softwareAgent;
    }

    public String model() {
        return model;
    }

    public String weightsSha256() {
        return weightsSha256;
    }

    public OptionalLong seed() {
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Provenance other
                && softwareAgent.equals(other.softwareAgent)
                && model.equals(other.model)
                && weightsSha256.equals(other.weightsSha256)
                && Objects.equals(seed, other.seed)
                && Objects.equals(fixedTime, other.fixedTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(softwareAgent, model, weightsSha256, seed, fixedTime);
    }

    @Override
    public String toString() {
        return "Provenance[" + softwareAgent + ", model=" + model + ", weights=" + weightsSha256 + ", seed=" + seed
                + (fixedTime == null ? "" : ", time=" + fixedTime) + "]";
    }
}
