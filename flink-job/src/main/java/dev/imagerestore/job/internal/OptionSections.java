package dev.imagerestore.job.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command's option list in titled sections, in the order given (for example "Input and output",
 * then one section per task), rendered with one layout so that the columns line up across
 * sections. Options no section names are listed last under "Other options", so an option added
 * to the command is never missing from its help. Immutable.
 *
 * <pre>{@code
 * OptionSections.builder().section("Input and output", "--input", "--output").build().install(commandLine);
 * }</pre>
 */
public final class OptionSections implements CommandLine.IHelpSectionRenderer {

    /** The heading of the options no section names. */
    public static final String OTHER = "Other options";

    private final Map<String, List<String>> sections;

    private OptionSections(Map<String, List<String>> sections) {
        this.sections = sections;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Replaces {@code commandLine}'s option list (and its "Options:" heading) with these sections. */
    public void install(CommandLine commandLine) {
        Map<String, CommandLine.IHelpSectionRenderer> map = commandLine.getHelpSectionMap();
        map.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING, help -> "");
        map.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, this);
        commandLine.setHelpSectionMap(map);
    }

    /** The options of {@code spec} that no section names (their longest names). */
    public List<String> unplaced(CommandSpec spec) {
        Set<String> placed = placedNames();
        return spec.options().stream()
                .map(OptionSpec::longestName)
                .filter(n -> !placed.contains(n))
                .toList();
    }

    @Override
    public String render(Help help) {
        CommandSpec spec = help.commandSpec();
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<String>> section : sections.entrySet()) {
            List<OptionSpec> options = new ArrayList<>();
            for (String name : section.getValue()) {
                OptionSpec option = spec.findOption(name);
                if (option != null && !option.hidden()) {
                    options.add(option);
                }
            }
            append(out, help, section.getKey(), options);
        }
        Set<String> placed = placedNames();
        List<OptionSpec> rest = spec.options().stream()
                .filter(o -> !o.hidden() && !placed.contains(o.longestName()))
                .toList();
        append(out, help, OTHER, rest);
        return out.toString();
    }

    /** Appends one section; each gets a fresh layout whose columns are sized for all the options. */
    private static void append(StringBuilder out, Help help, String heading, List<OptionSpec> options) {
        if (options.isEmpty()) {
            return;
        }
        out.append(System.lineSeparator()).append(heading).append(':').append(System.lineSeparator());
        CommandSpec spec = help.commandSpec();
        Help.Layout layout = help.createDefaultLayout(spec.options(), spec.positionalParameters(), help.colorScheme());
        out.append(help.optionListExcludingGroups(options, layout, null, help.parameterLabelRenderer()));
    }

    private Set<String> placedNames() {
        Set<String> placed = new LinkedHashSet<>();
        sections.values().forEach(placed::addAll);
        return placed;
    }

    /** Builds {@link OptionSections}; {@link #build()} refuses an option named twice. */
    public static final class Builder {

        private final Map<String, List<String>> sections = new LinkedHashMap<>();

        private Builder() {}

        /** A section titled {@code heading} listing {@code longestNames} in this order. */
        public Builder section(String heading, String... longestNames) {
            Objects.requireNonNull(heading, "heading");
            if (sections.containsKey(heading) || heading.equals(OTHER)) {
                throw new IllegalArgumentException("section '" + heading + "' is given twice or is reserved");
            }
            sections.put(heading, List.of(longestNames));
            return this;
        }

        public OptionSections build() {
            Set<String> seen = new LinkedHashSet<>();
            for (Map.Entry<String, List<String>> section : sections.entrySet()) {
                for (String name : section.getValue()) {
                    if (!seen.add(name)) {
                        throw new IllegalArgumentException("option " + name + " is placed in two sections (again in '"
                                + section.getKey() + "'); place each option once");
                    }
                }
            }
            return new OptionSections(new LinkedHashMap<>(sections));
        }
    }
}
