/**
 * The image source: Flink's file source over a folder, bounded or watching
 * ({@link dev.imagerestore.operators.source.ImageSources},
 * {@link dev.imagerestore.operators.source.ImageSourceBuilder}), which admits a file only once it is no
 * longer being written and reports every entry it does not read as skipped;
 * {@link dev.imagerestore.operators.source.InputListing} is what it finds at one moment.
 */
package dev.imagerestore.operators.source;
