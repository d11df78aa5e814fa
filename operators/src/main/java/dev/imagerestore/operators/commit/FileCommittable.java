package dev.imagerestore.operators.commit;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A written but not yet visible file: the hidden temporary file, the final path it becomes at
 * commit, and whether an existing final file may be replaced. Both paths are absolute and in the
 * same directory, so the commit is a rename within one file system.
 */
public record FileCommittable(Path temporary, Path target, boolean overwrite) {

    public FileCommittable {
        Objects.requireNonNull(temporary, "temporary");
        Objects.requireNonNull(target, "target");
        if (!temporary.isAbsolute() || !target.isAbsolute()) {
            throw new IllegalArgumentException(
                    "committable paths must be absolute, got " + temporary + " -> " + target);
        }
        if (!Objects.equals(temporary.getParent(), target.getParent())) {
            throw new IllegalArgumentException(
                    "temporary file " + temporary + " must be in the directory of " + target);
        }
    }
}
