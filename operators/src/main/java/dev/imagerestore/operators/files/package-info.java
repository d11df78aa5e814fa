/**
 * The path and size rules that the source, the decoder and the sinks share:
 * {@link dev.imagerestore.operators.files.RelativePaths} is the one definition of a relative path, which
 * cannot escape the folder it is resolved against; {@link dev.imagerestore.operators.files.RealPaths}
 * compares two spellings of one folder, even one that does not exist yet; and
 * {@link dev.imagerestore.operators.files.Sizes} writes pixel and byte counts for error messages.
 */
package dev.imagerestore.operators.files;
