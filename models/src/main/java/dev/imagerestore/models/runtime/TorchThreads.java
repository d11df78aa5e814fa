package dev.imagerestore.models.runtime;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Sets PyTorch's intra-op thread count explicitly, which this project always does before it runs
 * a network.
 *
 * <p>With no explicit setting, PyTorch 2.7.1 through DJL 0.36 picked its own OpenMP default on the
 * project's 2-core machines and the backward pass of the UNet returned NaN gradients for some input
 * sizes (seen deterministically; an explicit count, even the same 2, made them finite). Setting the
 * count is also what an operator sharing a TaskManager between slots needs. Idle OpenMP workers spin
 * briefly, then sleep ({@link OpenMpWaitPolicy}), unless the environment says otherwise.
 */
public final class TorchThreads {

    private TorchThreads() {}

    /**
     * Uses {@code threads} intra-op threads (0 = one per available processor) and one inter-op
     * thread on this JVM. Applies to the engine whether or not it has started yet.
     */
    public static synchronized void configure(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("thread count must be >= 0 (0 = all cores), got " + threads);
        }
        int count = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        OpenMpWaitPolicy.boundedSpinUnlessSet();
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(count));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        if (engineLoaded()) {
            JniUtils.setNumThreads(count);
        }
    }

    /** Sets the default (one thread per processor) unless the JVM was started with a count. */
    public static void configureDefault() {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            configure(0);
        }
    }

    private static boolean engineLoaded() {
        return ai.djl.engine.Engine.hasEngine("PyTorch") && isInitialised();
    }

    private static boolean isInitialised() {
        try {
            JniUtils.getNumThreads();
            return true;
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return false;
        }
    }
}
