/**
 * Decoding and encoding of image files: {@link dev.imagerestore.operators.decode.ImageDecoder} reads
 * JPEG, PNG, TIFF, BMP, PNM and GIF with their metadata and ICC profile, refusing hostile or oversized
 * files before allocation; {@link dev.imagerestore.operators.decode.DecodeFunction} turns each failure into
 * a dead letter; {@link dev.imagerestore.operators.decode.ImageEncoder} writes outputs with the source's
 * metadata and a {@link dev.imagerestore.operators.decode.Provenance} record.
 */
package dev.imagerestore.operators.decode;
