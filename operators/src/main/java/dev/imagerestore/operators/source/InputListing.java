package dev.imagerestore.operators.source;

import java.nio.file.Path;
import java.util.List;

/**
 * What an image source finds under its folder at one moment ({@link ImageSourceBuilder#list}): the
 * files it reads, in path order, and how many entries it reports as skipped without reading them
 * (not an image, hidden, excluded, the output folder, a special file, a link out of the input, ...).
 * A bounded run over the folder writes one report line for each of them. Immutable.
 *
 * @param files the files the source reads
 * @param skipped entries the source reports as skipped
 */
public record InputListing(List<Path> files, int skipped) {

    public InputListing {
        files = List.copyOf(files);
        if (skipped < 0) {
            throw new IllegalArgumentException("skipped entries must be >= 0, got " + skipped);
        }
    }

    /** The report lines of a run over this listing: one per file and one per skipped entry. */
    public int entries() {
        return files.size() + skipped;
    }
}
