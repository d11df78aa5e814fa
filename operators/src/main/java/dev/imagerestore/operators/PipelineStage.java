package dev.imagerestore.operators;

import java.util.Locale;

/** Where in the pipeline a file failed; written lower-case in the report. */
public enum PipelineStage {
    /** Listing or reading the input file. */
    SOURCE,
    /** Decoding the image (corrupt, unsupported, too large). */
    DECODE,
    /** Finding, reading or decoding an image's inpainting mask. */
    MASK,
    /** Running the model. */
    INFERENCE,
    /** Encoding the output image. */
    ENCODE,
    /** Writing or committing the output file (for example: the output exists). */
    SINK;

    /** The name used in report lines: "source", "decode", ... */
    public String reportName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stage with that report name. */
    public static PipelineStage fromReportName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
