package dev.imagerestore.models.cli;

import dev.imagerestore.models.inpaint.Inpainter;
import picocli.CommandLine.Option;

/**
 * RePaint's resampling options (a picocli mixin), shared by {@code restore} and {@code eval inpaint}:
 * how far each jump goes back, how often, and how many draws are averaged. Validation is the
 * {@link Inpainter} builder's.
 */
public final class RePaintOptions {

    @Option(
            names = "--jump-length",
            defaultValue = "" + Inpainter.DEFAULT_JUMP_LENGTH,
            description = "Inpainting: RePaint jump length in steps (default ${DEFAULT-VALUE}).")
    int jumpLength;

    @Option(
            names = "--jump-repeats",
            defaultValue = "" + Inpainter.DEFAULT_JUMP_REPEATS,
            description = "Inpainting: RePaint resampling repeats, 1 = none (default ${DEFAULT-VALUE}).")
    int jumpRepeats;

    @Option(
            names = "--samples",
            defaultValue = "" + Inpainter.DEFAULT_SAMPLES,
            description =
                    "Inpainting: RePaint draws averaged; 1 = one sample, sharper and faster (default ${DEFAULT-VALUE}).")
    int samples;

    public int jumpLength() {
        return jumpLength;
    }

    public int jumpRepeats() {
        return jumpRepeats;
    }

    public int samples() {
        return samples;
    }
}
