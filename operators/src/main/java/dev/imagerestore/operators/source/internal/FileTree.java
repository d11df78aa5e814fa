package dev.imagerestore.operators.source.internal;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * One listing of the input tree through Flink's {@link FileSystem} (local disks, mounted shares and
 * Flink's object-store plugins alike), keeping what {@link FileRules} admits.
 */
final class FileTree {

    /** What a scan saw of one file; two equal observations mean the file did not change. */
    record Observation(Path path, long size, long modificationTime) {}

    private FileTree() {}

    /** The admitted files under {@code root}, by relative path, in path order. */
    static Map<String, Observation> scan(Path root, FileRules rules) throws IOException {
        FileSystem fs = root.getFileSystem();
        FileStatus status;
        try {
            status = fs.getFileStatus(root);
        } catch (FileNotFoundException e) {
            throw new FileNotFoundException("input directory " + root + " does not exist");
        }
        if (!status.isDir()) {
            throw new IOException("input " + root + " is not a directory");
        }
        Map<String, Observation> files = new TreeMap<>();
        walk(fs, root, "", rules, files);
        return files;
    }

    private static void walk(FileSystem fs, Path dir, String relativeDir, FileRules rules, Map<String, Observation> out)
            throws IOException {
        FileStatus[] children;
        try {
            children = fs.listStatus(dir);
        } catch (FileNotFoundException removedWhileListing) {
            return;
        }
        if (children == null) {
            return;
        }
        for (FileStatus child : children) {
            String name = child.getPath().getName();
            String relative = relativeDir.isEmpty() ? name : relativeDir + "/" + name;
            if (child.isDir()) {
                if (rules.admitsDirectory(relative)) {
                    walk(fs, child.getPath(), relative, rules, out);
                }
            } else if (rules.admitsFile(relative)) {
                out.put(relative, new Observation(child.getPath(), child.getLen(), child.getModificationTime()));
            }
        }
    }
}
