package dev.imagerestore.models.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.google.gson.Gson;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A training checkpoint on disk: online and averaged weights, the optimiser's moments and the step
 * count, in {@code <work>/checkpoint/}. Written into a temporary folder and swapped in by rename,
 * so a run killed at any moment leaves the previous checkpoint intact.
 */
final class Checkpoint {

    /** What a resumed run needs besides the weights. */
    record State(long step, double wallSeconds, double loss) {}

    private static final Gson GSON = new Gson();

    private Checkpoint() {}

    static Path folder(Path work) {
        return work.resolve("checkpoint");
    }

    /** The progress line of a run stopped on request after {@code step}. */
    static String stoppedAt(long step, Path work) {
        return "stopped on request after step " + step + "; the same command resumes from " + folder(work);
    }

    static boolean exists(Path work) {
        return Files.isRegularFile(folder(work).resolve("state.json"));
    }

    static void save(Path work, Block online, Block average, AdamW optimizer, State state) throws IOException {
        Path tmp = work.resolve("checkpoint.tmp");
        deleteRecursively(tmp);
        Files.createDirectories(tmp);
        saveBlock(online, tmp.resolve("online.params"));
        saveBlock(average, tmp.resolve("ema.params"));
        Files.write(tmp.resolve("optimizer.ndlist"), optimizer.state().encode());
        Files.writeString(tmp.resolve("state.json"), GSON.toJson(state), StandardCharsets.UTF_8);
        Path target = folder(work);
        Path old = work.resolve("checkpoint.old");
        deleteRecursively(old);
        if (Files.exists(target)) {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        deleteRecursively(old);
    }

    static State load(Path work, Block online, Block average, NDManager manager) throws IOException {
        Path dir = folder(work);
        loadBlock(online, dir.resolve("online.params"), manager);
        loadBlock(average, dir.resolve("ema.params"), manager);
        return GSON.fromJson(Files.readString(dir.resolve("state.json"), StandardCharsets.UTF_8), State.class);
    }

    static NDList loadOptimizerState(Path work, NDManager manager) throws IOException {
        return NDList.decode(manager, Files.readAllBytes(folder(work).resolve("optimizer.ndlist")));
    }

    private static void saveBlock(Block block, Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            block.saveParameters(out);
        }
    }

    private static void loadBlock(Block block, Path file, NDManager manager) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            block.loadParameters(manager, in);
        } catch (MalformedModelException e) {
            throw new IOException(
                    file + ": checkpoint does not match the architecture being trained: " + e.getMessage()
                            + "; use a new --work directory for a new architecture",
                    e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
