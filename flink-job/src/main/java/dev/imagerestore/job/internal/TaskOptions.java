package dev.imagerestore.job.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ParseResult;

/**
 * Which of {@code restore}'s options mean something for which task, so that an option given for a
 * task that does not run is refused instead of silently ignored ({@code --mask auto --task denoise}).
 */
public final class TaskOptions {

    private static final Map<String, List<String>> TASKS = new LinkedHashMap<>();

    static {
        for (String option : List.of("--mask", "--mask-dir")) {
            TASKS.put(option, List.of("inpaint", "restore"));
        }
        for (String option : List.of("--jump-length", "--jump-repeats", "--samples", "--feather")) {
            TASKS.put(option, List.of("inpaint"));
        }
        for (String option : List.of("--detector", "--mask-threshold")) {
            TASKS.put(option, List.of("inpaint", "restore"));
        }
        TASKS.put("--save-masks", List.of("restore", "inpaint"));
        for (String option : List.of("--sigma", "--ensemble")) {
            TASKS.put(option, List.of("denoise"));
        }
        TASKS.put("--steps", List.of("inpaint", "depth2img"));
        TASKS.put("--strength", List.of("inpaint", "depth2img"));
    }

    /** The options of RePaint's sampler, which a one-pass fill network does not run. */
    public static final List<String> REPAINT =
            List.of("--steps", "--strength", "--jump-length", "--jump-repeats", "--samples");

    private TaskOptions() {}

    /**
     * Refuses the first of {@link #REPAINT} given, since {@code model} fills in one pass; nothing to
     * check without a parse result (a job built from code).
     */
    public static void checkFill(ParseResult parsed, String model) {
        if (parsed == null) {
            return;
        }
        for (String option : REPAINT) {
            if (parsed.hasMatchedOption(option)) {
                throw new IllegalArgumentException(option + " "
                        + String.join(" ", parsed.matchedOption(option).stringValues())
                        + " sets RePaint's sampler, but --model " + model + " is a fill network, which fills in one "
                        + "pass; leave " + option + " out, or pass a denoiser's --model to inpaint with RePaint");
            }
        }
    }

    /** Refuses, with an IllegalArgumentException naming option, value and fix, the first option given that no task of {@code tasks} uses. */
    public static void check(ParseResult parsed, List<String> tasks) {
        for (Map.Entry<String, List<String>> e : TASKS.entrySet()) {
            String option = e.getKey();
            if (parsed.hasMatchedOption(option) && Collections.disjoint(e.getValue(), tasks)) {
                String value = String.join(" ", parsed.matchedOption(option).stringValues());
                throw new IllegalArgumentException(option + " " + value + " is an option of the "
                        + String.join(" and ", e.getValue()) + " task"
                        + (e.getValue().size() > 1 ? "s" : "")
                        + ", and --task is " + String.join(",", tasks) + "; add "
                        + e.getValue().get(0)
                        + " to --task, or leave " + option + " out");
            }
        }
    }
}
