package dev.imagerestore.job;

import dev.imagerestore.models.cli.DepthOptions;
import dev.imagerestore.models.cli.ModelLocation;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The {@code restore --task depth2img} options (a picocli mixin). */
public final class Depth2ImgOptions {

    /** The project's depth-guided translation model, relative to the repository root. */
    public static final String DEFAULT_MODEL = "models/zoo/depth2img-small";

    @Option(names = "--target", description = "depth2img: target label of the model's vocabulary, e.g. pencil-sketch.")
    String target;

    @Option(names = "--strength", defaultValue = "0.75", description = "depth2img: SDEdit strength in (0, 1] (default ${DEFAULT-VALUE}).")
    double strength;

    @Option(names = "--steps", defaultValue = "50", description = "depth2img: DDIM steps of a full run; strength x steps run (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--guidance", defaultValue = "3", description = "depth2img: classifier-free guidance scale (default ${DEFAULT-VALUE}).")
    double guidance;

    @Mixin
    DepthOptions depth;

    /**
     * The task's settings; {@code model} is used unless it is the default denoiser, which is
     * replaced by {@link #DEFAULT_MODEL}.
     */
    Depth2ImgSettings settings(List<String> tasks, Path model, long seed, int tileSize, int overlap, int batch,
            int threads) {
        if (tasks.size() != 1) {
            throw new IllegalArgumentException("--task depth2img runs alone, got --task " + String.join(",", tasks));
        }
        if (target == null) {
            throw new IllegalArgumentException("--task depth2img needs --target LABEL (a label of the model's vocabulary)");
        }
        Path translation = model.equals(Path.of(ModelLocation.DEFAULT_DIRECTORY)) ? Path.of(DEFAULT_MODEL) : model;
        return new Depth2ImgSettings(translation.toAbsolutePath().toString(), target, strength, steps, guidance, seed,
                Math.min(tileSize, 128), overlap, batch, threads,
                depth.depthDirectory() == null ? null : depth.depthDirectory().toAbsolutePath().toString(),
                depth.convention().name().toLowerCase(java.util.Locale.ROOT),
                depth.estimatorDirectory().toAbsolutePath().toString(),
                depth.torchScript() == null ? null : depth.torchScript().toAbsolutePath().toString(),
                depth.torchScriptSize());
    }
}
