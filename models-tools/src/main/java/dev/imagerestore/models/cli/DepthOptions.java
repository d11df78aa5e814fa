package dev.imagerestore.models.cli;

import dev.imagerestore.models.depth.DepthConvention;
import dev.imagerestore.models.depth.DepthEstimator;
import dev.imagerestore.models.depth.DepthEstimators;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The depth-source options shared by the commands that need depth maps (a picocli mixin). */
public final class DepthOptions {

    /** The built-in depth estimator, relative to the repository root. */
    public static final String DEFAULT_ESTIMATOR = "models/zoo/depth-small";

    @Option(
            names = "--depth-estimator",
            defaultValue = DEFAULT_ESTIMATOR,
            description = "Built-in depth estimator directory (default ${DEFAULT-VALUE}).")
    Path estimatorDirectory;

    @Option(
            names = "--depth-model",
            description = "A TorchScript depth estimator (e.g. an exported MiDaS) used "
                    + "instead of the built-in one: forward(x [1,3,H,W] RGB in [0,1]) -> [1,H,W] or [1,1,H,W].")
    Path torchScript;

    @Option(
            names = "--depth-model-size",
            defaultValue = "384",
            description = "Shorter input side of --depth-model (default ${DEFAULT-VALUE}, MiDaS v2.1).")
    int torchScriptSize;

    @Option(
            names = "--depth-convention",
            defaultValue = "depth",
            description = "How depth files and --depth-model outputs read: depth (larger = farther) or disparity "
                    + "(larger = nearer) (default ${DEFAULT-VALUE}).")
    String convention;

    @Option(
            names = "--depth-dir",
            description = "Folder mirroring the input tree with name.depth.png or name.png maps.")
    Path depthDirectory;

    public DepthConvention convention() {
        return DepthConvention.parse(convention);
    }

    public Path depthDirectory() {
        return depthDirectory;
    }

    public Path estimatorDirectory() {
        return estimatorDirectory;
    }

    /** The TorchScript estimator, or null for the built-in one. */
    public Path torchScript() {
        return torchScript;
    }

    public int torchScriptSize() {
        return torchScriptSize;
    }

    /** Opens the configured estimator: the TorchScript one if given, else the built-in directory. */
    public DepthEstimator openEstimator() throws IOException {
        return openEstimator(true);
    }

    /**
     * As {@link #openEstimator()}; with {@code testTimeViews} false a built-in estimator ignores its
     * card's test-time views.
     */
    DepthEstimator openEstimator(boolean testTimeViews) throws IOException {
        return torchScript != null
                ? DepthEstimators.torchScript(torchScript, convention(), torchScriptSize)
                : DepthEstimators.load(estimatorDirectory, testTimeViews);
    }

    /** A description of the estimator for reports. */
    public String estimatorName() {
        return torchScript != null ? "TorchScript " + torchScript : "built-in " + estimatorDirectory;
    }
}
