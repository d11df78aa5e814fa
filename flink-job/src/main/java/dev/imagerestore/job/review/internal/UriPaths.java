package dev.imagerestore.job.review.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Links from the review page to files, escaped so that any file name works in an {@code href} or a
 * {@code src}: spaces, {@code #}, {@code %}, {@code ?}, {@code :}, quotes and non-ASCII characters
 * (as UTF-8) are percent-encoded; only RFC 3986's unreserved characters stay as they are.
 */
public final class UriPaths {

    private UriPaths() {}

    /** A relative URL for the '/'-separated path {@code relativePath} seen from {@code prefix} (e.g. "../"). */
    public static String relative(String prefix, String relativePath) {
        StringBuilder url = new StringBuilder(prefix);
        String[] segments = relativePath.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            url.append(i == 0 ? "" : "/").append(encodeSegment(segments[i]));
        }
        return url.toString();
    }

    /** The absolute {@code file:} URL of {@code file}. */
    public static String absolute(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        StringBuilder url = new StringBuilder("file://");
        for (Path segment : absolute) {
            url.append('/').append(encodeSegment(segment.toString()));
        }
        return url.toString();
    }

    /** One path segment with everything but unreserved characters percent-encoded as UTF-8. */
    public static String encodeSegment(String segment) {
        StringBuilder out = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }
}
