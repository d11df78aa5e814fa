package dev.imagerestore.operators.decode;

import dev.imagerestore.operators.DecodedImage;

/**
 * The pages of one open image file, decoded one at a time so that a file of many pages never has
 * more than one of them in memory: a multi-page TIFF has one per IFD, an animated GIF one per frame
 * (each frame as stored, without compositing it onto the previous ones), any other file exactly one.
 *
 * <p>Each page is checked and decoded on its own: one that is corrupt or above the pixel limit
 * fails alone, with an {@link ImageDecodeException} that names the file and, for a multi-page file,
 * the page ("book.tif: page 2 of 3: ..."); the others still read. A page's {@link DecodedImage}
 * carries its page number, its own metadata and orientation, and names its output by
 * {@link DecodedImage#pagePath()}.
 *
 * <pre>{@code
 * try (ImagePages pages = decoder.open(file)) {
 *     for (int page = 1; page <= pages.count(); page++) {
 *         restore(pages.read(page));
 *     }
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one thread reads the pages, then closes it.
 */
public interface ImagePages extends AutoCloseable {

    /** The file's relative path. */
    String relativePath();

    /** How many pages the file has, at least 1. */
    int count();

    /** Decodes page {@code page}, from 1 to {@link #count()}; throws naming the file and the page. */
    DecodedImage read(int page) throws ImageDecodeException;

    /** Releases the reader; reading afterwards is an error. */
    @Override
    void close();
}
