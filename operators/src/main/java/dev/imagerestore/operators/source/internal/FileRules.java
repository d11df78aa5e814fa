package dev.imagerestore.operators.source.internal;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which files under the input root are read, by their '/'-separated relative path.
 *
 * <p>Never read, whatever the globs say: hidden files and directories (name starting with '.';
 * this includes the sinks' own {@code .<name>.<tag>.inprogress} temporary files), temporary files
 * ({@code *.tmp}, {@code *.part}, {@code *.inprogress}, {@code *.crdownload}, {@code ~*}), any
 * directory named {@code _report} (the run report), and the directories listed as ignored (the
 * output directory when it lies inside the input). Otherwise a file is read when it matches at
 * least one include glob and no exclude glob; a directory is entered unless an exclude glob matches
 * it with a trailing '/' ({@code raw/**} excludes everything under {@code raw}).
 */
public final class FileRules implements Serializable {

    /** The include used when none is given: every image extension the decoder reads. */
    public static final String DEFAULT_INCLUDE = "**/*.{png,jpg,jpeg,tif,tiff,bmp,gif,pbm,pgm,ppm,pnm,pam}";

    private static final String IMAGE_EXTENSIONS = DEFAULT_INCLUDE.substring(DEFAULT_INCLUDE.indexOf('{'));
    /** The directory name the report sink writes to. */
    public static final String REPORT_DIRECTORY = "_report";

    private static final long serialVersionUID = 1L;
    private static final List<String> TEMPORARY_SUFFIXES = List.of(".tmp", ".part", ".inprogress", ".crdownload");

    private final List<Glob> includes;
    private final List<Glob> excludes;
    private final Set<String> ignoredDirectories;
    private final boolean defaultInclude;

    public FileRules(List<Glob> includes, List<Glob> excludes, Set<String> ignoredDirectories) {
        this.defaultInclude = includes.isEmpty();
        this.includes = List.copyOf(includes.isEmpty() ? List.of(Glob.compile(DEFAULT_INCLUDE)) : includes);
        this.excludes = List.copyOf(excludes);
        this.ignoredDirectories = Set.copyOf(ignoredDirectories);
    }

    /** Whether the enumeration descends into this directory. */
    public boolean admitsDirectory(String relativeDirectory) {
        return directoryRefusal(relativeDirectory).isEmpty();
    }

    /** Whether this file is read (its directories having been admitted). */
    public boolean admitsFile(String relativePath) {
        return fileRefusal(relativePath).isEmpty();
    }

    /** Why the enumeration does not descend into this directory, for its report line; empty if it does. */
    public Optional<String> directoryRefusal(String relativeDirectory) {
        String name = lastSegment(relativeDirectory);
        if (name.startsWith(".")) {
            return Optional.of("hidden folder (name starts with '.')");
        }
        if (name.equals(REPORT_DIRECTORY)) {
            return Optional.of("a run report folder (" + REPORT_DIRECTORY + ")");
        }
        if (ignoredDirectories.contains(relativeDirectory)) {
            return Optional.of("the output folder");
        }
        String asPrefix = relativeDirectory + "/";
        return excludes.stream()
                .filter(g -> g.matches(asPrefix) || g.matches(relativeDirectory))
                .findFirst()
                .map(g -> "excluded by " + g);
    }

    /** Why this file is not read, for its report line; empty if it is read. */
    public Optional<String> fileRefusal(String relativePath) {
        String name = lastSegment(relativePath);
        if (name.startsWith(".")) {
            return Optional.of("hidden file (name starts with '.')");
        }
        if (name.startsWith("~") || isTemporary(name)) {
            return Optional.of("temporary file name (~*, " + String.join(", ", TEMPORARY_SUFFIXES) + ")");
        }
        Optional<String> excluded = excludes.stream()
                .filter(g -> g.matches(relativePath))
                .findFirst()
                .map(g -> "excluded by " + g);
        if (excluded.isPresent()) {
            return excluded;
        }
        if (includes.stream().noneMatch(g -> g.matches(relativePath))) {
            return Optional.of(
                    defaultInclude
                            ? "not an image extension (reads " + IMAGE_EXTENSIONS + ")"
                            : "matches no include " + includes);
        }
        return Optional.empty();
    }

    private static boolean isTemporary(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return TEMPORARY_SUFFIXES.stream().anyMatch(lower::endsWith);
    }

    private static String lastSegment(String relativePath) {
        return relativePath.substring(relativePath.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return "FileRules[include=" + includes + ", exclude=" + excludes + ", ignored=" + ignoredDirectories + "]";
    }
}
