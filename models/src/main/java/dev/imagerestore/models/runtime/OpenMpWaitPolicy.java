package dev.imagerestore.models.runtime;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Makes idle OpenMP worker threads of PyTorch sleep instead of spin in the Flink job, unless the user
 * chose a policy with the {@code OMP_WAIT_POLICY} environment variable.
 *
 * <p>Why: with GNU OpenMP's default (spin about 3 ms after each parallel region, then sleep), the
 * intra-op workers of PyTorch spin on their cores between operators and between batches. In the
 * Flink job the same cores decode, tile, stitch and encode images; under load the spinning workers
 * took that time from them and the job reached half the bare loop's throughput. A bare inference or
 * training loop is the opposite case: there nothing else needs the cores, and sleeping workers cost
 * each operator a wake-up (on the 2-core machine, eval denoise took 4.4-7.2 s per megapixel with
 * PASSIVE against 2.9-3.7 with the default, interleaved runs on an idle machine). So the job's
 * operators call {@link #passiveUnlessSet} when they open, and the models library's commands leave
 * the default. OpenMP reads the variable once, when the library loads, so this must run before the
 * PyTorch engine starts; once it runs, it changes nothing. Linux and macOS only (the C library's
 * {@code setenv}); elsewhere it does nothing.
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
