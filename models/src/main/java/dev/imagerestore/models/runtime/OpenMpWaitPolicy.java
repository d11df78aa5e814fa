package dev.imagerestore.models.runtime;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Makes idle OpenMP worker threads of PyTorch sleep instead of spin, unless the user chose a policy
 * with the {@code OMP_WAIT_POLICY} environment variable.
 *
 * <p>Why: with GNU OpenMP's default ("active" for a while after each parallel region), the intra-op
 * workers of PyTorch spin on their cores between operators and between batches. A bare inference
 * loop does not mind, but in the Flink job the same cores decode, tile, stitch and encode images;
 * the spinning workers took that time from them and the job reached half the bare loop's
 * throughput. OpenMP reads the variable once, when the library loads, so this must run before the
 * PyTorch engine starts: {@link TorchThreads#configure} calls it first. Linux and macOS only (the
 * C library's {@code setenv}); elsewhere, and once the engine runs, it does nothing.
 */
public final class OpenMpWaitPolicy {

    /** The environment variable OpenMP reads. */
    public static final String VARIABLE = "OMP_WAIT_POLICY";

    private interface CLibrary extends Library {
        int setenv(String name, String value, int overwrite);
    }

    /** What the first call decided; the JVM's copy of the environment does not see {@code setenv}. */
    private static String decided;
    private static boolean done;

    private OpenMpWaitPolicy() {}

    /**
     * Sets {@code OMP_WAIT_POLICY=PASSIVE} in this process's environment if it is unset.
     *
     * @return the policy now in force for OpenMP libraries loaded from here on, or {@code null} if
     *     unset and it could not be set on this platform
     */
    public static synchronized String passiveUnlessSet() {
        if (!done) {
            decided = decide();
            done = true;
        }
        return decided;
    }

    private static String decide() {
        String chosen = System.getenv(VARIABLE);
        if (chosen != null) {
            return chosen;
        }
        if (!(Platform.isLinux() || Platform.isMac())) {
            return null;
        }
        CLibrary c = Native.load(Platform.C_LIBRARY_NAME, CLibrary.class);
        if (c.setenv(VARIABLE, "PASSIVE", 0) != 0) {
            return null;
        }
        return "PASSIVE";
    }
}
