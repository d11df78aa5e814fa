package dev.imagerestore.operators.source.internal;

import dev.imagerestore.operators.source.InputListing;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One listing of the input tree on a local or mounted file system that cannot fail as a whole: every
 * entry under the root is either a file to read or a skipped entry with the reason for its report
 * line. Only the root itself missing or unreadable fails the listing.
 *
 * <p>Names are handled as {@link Path}s, which keep the file system's bytes, never parsed from
 * strings or URIs; a name the JVM cannot represent as text (bytes that are not valid in its file
 * name encoding, see {@code sun.jnu.encoding}) is skipped with a line rather than misread.
 *
 * <p>Symbolic links are followed only while their target stays inside the input (by real path),
 * unless {@code followLinks}; a dangling link, a link loop and a second way into a folder already
 * listed are skipped with a line, so the walk ends and reads each folder once. FIFOs, sockets and
 * devices are skipped without being opened. Folders in {@code ignoredDirectories} (real paths: the
 * output folder inside the input) are not entered.
 */
public final class InputTree implements Serializable {

    /** What a scan saw of one file; two equal observations mean the file did not change. */
    record Observation(URI uri, String relativePath, long size, long modificationTime) {}

    /** An entry not read, and why. */
    record Skipped(URI uri, String relativePath, String reason) {}

    /** The files to read by relative path, in path order, and the skipped entries. */
    record Listing(Map<String, Observation> files, List<Skipped> skipped) {}

    private static final long serialVersionUID = 1L;

    private final FileRules rules;
    private final boolean followLinks;
    private final Set<String> ignoredDirectories;

    /** @param ignoredDirectories real paths of folders never entered (the output inside the input) */
    public InputTree(FileRules rules, boolean followLinks, Set<String> ignoredDirectories) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.followLinks = followLinks;
        this.ignoredDirectories = Set.copyOf(ignoredDirectories);
    }

    /** Lists everything under {@code root}; fails only if the root is missing, not a folder or unreadable. */
    Listing scan(Path root) throws IOException {
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException("input directory " + root + " does not exist");
        }
        if (!Files.isDirectory(realRoot)) {
            throw new IOException("input " + root + " is not a directory");
        }
        Walk walk = new Walk(realRoot);
        walk.visited.add(realRoot);
        walk.directory(realRoot, "");
        return new Listing(walk.files, walk.skipped);
    }

    /** The files to read under {@code root}, in path order, and the number of entries skipped with a line. */
    public InputListing list(Path root) throws IOException {
        Listing listing = scan(root);
        return new InputListing(
                listing.files().values().stream().map(o -> Path.of(o.uri())).toList(),
                listing.skipped().size());
    }

    private final class Walk {

        private final Path realRoot;
        private final Set<Path> visited = new HashSet<>();
        private final Map<String, Observation> files = new TreeMap<>();
        private final List<Skipped> skipped = new ArrayList<>();

        Walk(Path realRoot) {
            this.realRoot = realRoot;
        }

        void directory(Path dir, String relativeDir) throws IOException {
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                stream.forEach(children::add);
            } catch (NoSuchFileException | NotDirectoryException removedWhileListing) {
                return;
            } catch (IOException | DirectoryIteratorException e) {
                if (relativeDir.isEmpty()) {
                    throw new IOException("cannot list the input directory " + dir + ": " + e.getMessage(), e);
                }
                skip(
                        dir,
                        relativeDir,
                        e instanceof AccessDeniedException
                                ? "unreadable folder, permission denied"
                                : "folder cannot be listed: " + e.getMessage());
                return;
            }
            children.sort(Comparator.comparing(p -> p.getFileName().toString()));
            for (Path child : children) {
                String name = child.getFileName().toString();
                String relative = relativeDir.isEmpty() ? name : relativeDir + "/" + name;
                if (!representable(child)) {
                    skip(
                            child,
                            relativeDir.isEmpty() ? rawName(child) : relativeDir + "/" + rawName(child),
                            "name is not valid " + System.getProperty("sun.jnu.encoding") + " (the JVM's file name "
                                    + "encoding); rename it, or run under a UTF-8 locale (LC_ALL=C.UTF-8)");
                } else {
                    entry(child, relative);
                }
            }
        }

        private void entry(Path child, String relative) throws IOException {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException removedWhileListing) {
                return;
            } catch (IOException e) {
                skip(child, relative, "cannot read its attributes: " + e.getMessage());
                return;
            }
            if (attributes.isSymbolicLink()) {
                Optional<BasicFileAttributes> target = followed(child, relative);
                if (target.isEmpty()) {
                    return;
                }
                attributes = target.get();
            }
            if (attributes.isDirectory()) {
                subdirectory(child, relative);
            } else if (attributes.isRegularFile()) {
                file(child, relative, attributes);
            } else {
                skip(child, relative, "not a regular file (" + SpecialFiles.kind(child) + ")");
            }
        }

        /** The attributes of a link's target, or empty after skipping the link with its reason. */
        private Optional<BasicFileAttributes> followed(Path link, String relative) throws IOException {
            Path target;
            try {
                target = link.toRealPath();
            } catch (NoSuchFileException e) {
                skip(link, relative, "dangling symlink (its target does not exist)");
                return Optional.empty();
            } catch (FileSystemException e) {
                skip(link, relative, "symlink that cannot be resolved (" + e.getReason() + ")");
                return Optional.empty();
            }
            if (!followLinks && !target.startsWith(realRoot)) {
                skip(link, relative, "symlink outside input (to " + target + "); pass --follow-links to follow it");
                return Optional.empty();
            }
            try {
                return Optional.of(Files.readAttributes(target, BasicFileAttributes.class));
            } catch (IOException e) {
                skip(link, relative, "symlink whose target cannot be read: " + e.getMessage());
                return Optional.empty();
            }
        }

        private void subdirectory(Path dir, String relative) throws IOException {
            Path real;
            try {
                real = dir.toRealPath();
            } catch (IOException e) {
                skip(dir, relative, "folder cannot be resolved: " + e.getMessage());
                return;
            }
            Optional<String> refusal = ignoredDirectories.contains(real.toString())
                    ? Optional.of("the output folder")
                    : rules.directoryRefusal(relative);
            if (refusal.isPresent()) {
                skip(dir, relative, refusal.get());
            } else if (!visited.add(real)) {
                skip(dir, relative, "symlink loop or second link to a folder already read (" + real + ")");
            } else {
                directory(dir, relative);
            }
        }

        private void file(Path file, String relative, BasicFileAttributes attributes) {
            Optional<String> refusal = rules.fileRefusal(relative);
            if (refusal.isPresent()) {
                skip(file, relative, refusal.get());
            } else if (!Files.isReadable(file)) {
                skip(file, relative, "unreadable, permission denied");
            } else {
                files.put(
                        relative,
                        new Observation(
                                file.toUri(),
                                relative,
                                attributes.size(),
                                attributes.lastModifiedTime().toMillis()));
            }
        }

        private void skip(Path entry, String relative, String reason) {
            skipped.add(new Skipped(entry.toUri(), relative, reason));
        }
    }

    /** Whether the name's bytes survive a round trip through the JVM's text form of file names. */
    private static boolean representable(Path entry) {
        try {
            return Path.of(entry.toString()).equals(entry);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** The last segment of the entry's URI, in which bytes that are not text are percent-encoded. */
    private static String rawName(Path entry) {
        String raw = entry.toUri().getRawPath();
        String trimmed = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
