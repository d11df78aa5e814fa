package dev.imagerestore.models.cli;

import dev.imagerestore.models.translate.Encoding;
import picocli.CommandLine.Option;

/**
 * The depth2img options shared by {@code eval depth2img} and the job's {@code --task depth2img}: how
 * the input is encoded, under which label, and the guidance scale (a picocli mixin).
 */
public final class TranslationOptions {

    @Option(
            names = "--encoding",
            defaultValue = "noise",
            description = "depth2img: how the input is noised: noise (SDEdit, fresh noise from --seed) or inversion "
                    + "(DDIM inversion under --source: keeps the image's structure, ignores --seed) "
                    + "(default ${DEFAULT-VALUE}).")
    String encoding;

    @Option(
            names = "--source",
            defaultValue = "photo",
            description = "depth2img: the inputs' label, that --encoding inversion encodes them under "
                    + "(default ${DEFAULT-VALUE}).")
    String source;

    @Option(
            names = "--guidance",
            description =
                    "depth2img: classifier-free guidance scale (default 3 with --encoding noise, 1 with inversion).")
    Double guidance;

    /** @throws IllegalArgumentException naming the value when it is neither noise nor inversion */
    public Encoding encoding() {
        return Encoding.forLabel(encoding)
                .orElseThrow(
                        () -> new IllegalArgumentException("--encoding must be noise or inversion, got " + encoding));
    }

    public String source() {
        return source;
    }

    /** The guidance scale given, else the encoding's default. */
    public double resolvedGuidance() {
        return guidance == null ? encoding().defaultGuidance() : guidance;
    }
}
