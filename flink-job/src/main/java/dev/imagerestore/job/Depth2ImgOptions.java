package dev.imagerestore.job;

import dev.imagerestore.models.cli.DepthOptions;
import dev.imagerestore.models.cli.TranslationOptions;
import dev.imagerestore.models.io.ModelLocation;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The {@code restore --task depth2img} options (a picocli mixin). */
public final class Depth2ImgOptions {

    /** The project's depth-guided translation model, relative to the repository root. */
    public static final String DEFAULT_MODEL = "models/zoo/depth2img-small";

    /** SDEdit strength when {@code --strength} is not given (the option is shared with inpainting). */
    public static final double DEFAULT_STRENGTH = 0.75;

    /** DDIM steps of a full run when {@code --steps} is not given (shared with inpainting); strength x steps run. */
    public static final int DEFAULT_STEPS = 50;

    @Option(names = "--target", description = "depth2img: target label of the model's vocabulary, e.g. pencil-sketch.")
    String target;

    @Mixin
    TranslationOptions translation;

    @Mixin
    DepthOptions depth;

    /**
     * The task's settings; {@code model} is used unless it is the default denoiser, which is
     * replaced by {@link #DEFAULT_MODEL}. {@code steps} and {@code strength} are the restore
     * command's {@code --steps} and {@code --strength}, shared with inpainting; when absent they take
     * {@link #DEFAULT_STEPS} and {@link #DEFAULT_STRENGTH}.
     */
    Depth2ImgSettings settings(
            List<String> tasks,
            Path model,
            long seed,
            Optional<Integer> steps,
            Optional<Double> strength,
            int tileSize,
            int overlap,
            int batch) {
        if (tasks.size() != 1) {
            throw new IllegalArgumentException("--task depth2img runs alone, got --task " + String.join(",", tasks));
        }
        if (target == null) {
            throw new IllegalArgumentException(
                    "--task depth2img needs --target LABEL (a label of the model's vocabulary)");
        }
        Path translator = model.equals(Path.of(ModelLocation.DEFAULT_DIRECTORY)) ? Path.of(DEFAULT_MODEL) : model;
        return new Depth2ImgSettings(
                translator.toAbsolutePath().toString(),
                target,
                strength.orElse(DEFAULT_STRENGTH),
                steps.orElse(DEFAULT_STEPS),
                translation.resolvedGuidance(),
                seed,
                translation.encoding(),
                translation.source(),
                Math.min(tileSize, 128),
                overlap,
                batch,
                depth.depthDirectory() == null
                        ? null
                        : depth.depthDirectory().toAbsolutePath().toString(),
                depth.convention().name().toLowerCase(java.util.Locale.ROOT),
                depth.estimatorDirectory().toAbsolutePath().toString(),
                depth.torchScript() == null
                        ? null
                        : depth.torchScript().toAbsolutePath().toString(),
                depth.torchScriptSize());
    }
}
