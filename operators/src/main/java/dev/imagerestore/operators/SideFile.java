package dev.imagerestore.operators;

import dev.imagerestore.operators.files.RelativePaths;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Objects;

/**
 * A file written next to a restored image and committed with it (the mask a task used, for
 * example): its path relative to the output root and its encoded bytes, which the instance owns.
 * Immutable.
 */
public final class SideFile {

    private final String outputPath;
    private final byte[] encoded;

    /** @param encoded the file's bytes, which the instance now owns */
    public SideFile(String outputPath, byte[] encoded) {
        this.outputPath = RelativePaths.check(outputPath);
        this.encoded = Objects.requireNonNull(encoded, "encoded");
    }

    public String outputPath() {
        return outputPath;
    }

    /** A stream over the bytes, without copying them. */
    public InputStream openStream() {
        return new ByteArrayInputStream(encoded);
    }

    public int length() {
        return encoded.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SideFile other
                && outputPath.equals(other.outputPath)
                && java.util.Arrays.equals(encoded, other.encoded);
    }

    @Override
    public int hashCode() {
        return outputPath.hashCode();
    }

    @Override
    public String toString() {
        return "SideFile[" + outputPath + ", " + encoded.length + " bytes]";
    }
}
