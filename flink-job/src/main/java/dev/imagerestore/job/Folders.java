package dev.imagerestore.job;

import dev.imagerestore.operators.files.RealPaths;
import java.nio.file.Path;

/**
 * The rule that keeps originals safe: the input and output folders are compared by real path
 * (symbolic links, {@code ..} and relative spellings resolved), so that no spelling of the input
 * passes as an output. An output inside the input is allowed, since the source never reads it;
 * an input inside the output is refused, since outputs would be written among the originals.
 */
final class Folders {

    private Folders() {}

    /** Throws IllegalArgumentException, naming both folders and their real paths, if they overlap. */
    static void checkApart(Path input, Path output) {
        Path realInput = RealPaths.of(input);
        Path realOutput = RealPaths.of(output);
        if (realInput.equals(realOutput)) {
            throw new IllegalArgumentException("--output " + output + " is the input folder " + input + " (both are "
                    + realInput + "): restored files never replace their originals; choose an output folder outside "
                    + "the input");
        }
        if (realInput.startsWith(realOutput)) {
            throw new IllegalArgumentException("--input " + input + " (" + realInput + ") lies inside --output "
                    + output
                    + " (" + realOutput + "): outputs would be written among the originals; choose an output folder "
                    + "outside the input");
        }
    }
}
