package dev.imagerestore.models.runtime;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Bounds how long idle OpenMP worker threads of PyTorch spin before they sleep, unless the user chose
 * with {@code OMP_WAIT_POLICY} or {@code GOMP_SPINCOUNT}: sets {@code GOMP_SPINCOUNT=100000} (GNU
 * OpenMP spins about 100,000 times, roughly a millisecond, after each parallel region).
 *
 * <p>Why: a forward pass is hundreds of parallel regions microseconds apart. Workers that sleep at
 * once ({@code OMP_WAIT_POLICY=PASSIVE}) must be woken for every operator, which on this project's
 * 2-core VM made both the bare loop and the Flink job slow and erratic; workers that spin for long
 * (GNU's default of about 3 ms, or ACTIVE) keep the cores from the job's decoding, tiling and
 * encoding between batches. Measured with {@code bench} (16 images, interleaved rounds, every other
 * process paused): with PASSIVE the bare loop ran at 0.16-0.39 MP/s and the job, after start-up, at
 * 0.17-0.27; with a 100,000 spin the bare loop ran at 0.34-0.41 and the job at 0.26-0.38. One policy
 * serves every use (job, eval, training), so {@link TorchThreads#configure} applies it, and the job's
 * operators call it first thing when they open, since binding a device may start the engine.
 *
 * <p>OpenMP reads the variables once, when the library loads, so this must run before the PyTorch
 * engine starts; once it runs, it changes nothing. Linux and macOS only (the C library's
 * {@code setenv}); elsewhere it does nothing.
 */
public final class OpenMpWaitPolicy {

    /** The policy variable of the OpenMP standard; if the user set it, it is left alone. */
    public static final String POLICY_VARIABLE = "OMP_WAIT_POLICY";
    /** GNU OpenMP's spin count variable, which this class sets. */
    public static final String SPIN_VARIABLE = "GOMP_SPINCOUNT";
    /** The spin count set when the user chose neither variable. */
    public static final String SPIN_COUNT = "100000";

    private interface CLibrary extends Library {
        int setenv(String name, String value, int overwrite);
    }

    /** What the first call decided; the JVM's copy of the environment does not see {@code setenv}. */
    private static String decided;

    private static boolean done;

    private OpenMpWaitPolicy() {}

    /**
     * Sets {@code GOMP_SPINCOUNT=100000} in this process's environment unless {@code OMP_WAIT_POLICY}
     * or {@code GOMP_SPINCOUNT} is set.
     *
     * @return the setting in force for OpenMP libraries loaded from here on (e.g.
     *     {@code "GOMP_SPINCOUNT=100000"} or the user's {@code "OMP_WAIT_POLICY=PASSIVE"}), or
     *     {@code null} if neither is set and this platform cannot set it
     */
    public static synchronized String boundedSpinUnlessSet() {
        if (!done) {
            decided = decide();
            done = true;
        }
        return decided;
    }

    private static String decide() {
        for (String variable : new String[] {POLICY_VARIABLE, SPIN_VARIABLE}) {
            String chosen = System.getenv(variable);
            if (chosen != null) {
                return variable + "=" + chosen;
            }
        }
        if (!(Platform.isLinux() || Platform.isMac())) {
            return null;
        }
        CLibrary c = Native.load(Platform.C_LIBRARY_NAME, CLibrary.class);
        if (c.setenv(SPIN_VARIABLE, SPIN_COUNT, 0) != 0) {
            return null;
        }
        return SPIN_VARIABLE + "=" + SPIN_COUNT;
    }
}
