package dev.imagerestore.operators.source.internal;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * A glob over '/'-separated relative paths, matched case-insensitively (scanners write
 * {@code .TIF} as often as {@code .tif}).
 *
 * <ul>
 *   <li>{@code **}{@code /} matches zero or more whole directories, so {@code **}{@code /*.tif}
 *       matches {@code a.tif} as well as {@code x/y/a.tif};
 *   <li>{@code **} elsewhere matches any characters, '/' included;
 *   <li>{@code *} matches any characters except '/'; {@code ?} one character except '/';
 *   <li>{@code {a,b}} matches either alternative; {@code [abc]} and {@code [!abc]} one character of
 *       (or not of) the set.
 * </ul>
 */
public final class Glob implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String glob;
    private final Pattern pattern;

    private Glob(String glob, Pattern pattern) {
        this.glob = glob;
        this.pattern = pattern;
    }

    /** Compiles a glob; throws IllegalArgumentException naming the glob if it is malformed. */
    public static Glob compile(String glob) {
        if (glob == null || glob.isBlank()) {
            throw new IllegalArgumentException("glob must not be empty");
        }
        if (glob.startsWith("/")) {
            throw new IllegalArgumentException(
                    "glob '" + glob + "' must be relative to the input root (no leading '/')");
        }
        return new Glob(glob, Pattern.compile(toRegex(glob), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    /** Whether the relative path matches. */
    public boolean matches(String relativePath) {
        return pattern.matcher(relativePath).matches();
    }

    @Override
    public String toString() {
        return glob;
    }

    static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        int braces = 0;
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*' && glob.startsWith("**/", i)) {
                regex.append("(?:.*/)?");
                i += 3;
                continue;
            }
            if (c == '*' && glob.startsWith("**", i)) {
                regex.append(".*");
                i += 2;
                continue;
            }
            i = appendOne(glob, i, regex);
            braces += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (braces < 0 || braces > 1) {
                throw new IllegalArgumentException("glob '" + glob + "' has unbalanced or nested braces");
            }
        }
        if (braces != 0) {
            throw new IllegalArgumentException("glob '" + glob + "' has an unclosed '{'");
        }
        return regex.toString();
    }

    /** Appends the regex of the element at {@code i}; returns the index after it. */
    private static int appendOne(String glob, int i, StringBuilder regex) {
        char c = glob.charAt(i);
        switch (c) {
            case '*' -> regex.append("[^/]*");
            case '?' -> regex.append("[^/]");
            case '{' -> regex.append("(?:");
            case '}' -> regex.append(')');
            case ',' -> regex.append(insideBraces(glob, i) ? "|" : ",");
            case '[' -> {
                return appendClass(glob, i, regex);
            }
            default -> regex.append(Pattern.quote(String.valueOf(c)));
        }
        return i + 1;
    }

    private static int appendClass(String glob, int start, StringBuilder regex) {
        int end = glob.indexOf(']', start + 1);
        if (end < 0) {
            throw new IllegalArgumentException("glob '" + glob + "' has an unclosed '['");
        }
        String body = glob.substring(start + 1, end);
        boolean negate = body.startsWith("!");
        String chars = negate ? body.substring(1) : body;
        if (chars.isEmpty()) {
            throw new IllegalArgumentException("glob '" + glob + "' has an empty character class");
        }
        regex.append(negate ? "[^/" : "[");
        for (char ch : chars.toCharArray()) {
            if (!Character.isLetterOrDigit(ch) && ch != '-') {
                regex.append('\\');
            }
            regex.append(ch);
        }
        regex.append(']');
        return end + 1;
    }

    private static boolean insideBraces(String glob, int index) {
        int depth = 0;
        for (int j = 0; j < index; j++) {
            depth += glob.charAt(j) == '{' ? 1 : glob.charAt(j) == '}' ? -1 : 0;
        }
        return depth > 0;
    }
}
