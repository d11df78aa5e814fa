package dev.imagerestore.models.cli;

import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * How the eval commands cut images into tiles and how many threads PyTorch gets (a picocli mixin).
 * A command whose model wants other tiles gives its sizes with a {@link Defaults} subclass as its
 * default provider, which picocli prefers to the defaults written here, in {@code --help} too.
 */
final class TilingOptions {

    @Option(
            names = {"--tile-size", "--tile"},
            defaultValue = "128",
            description = "Tile side in pixels (default ${DEFAULT-VALUE}).")
    int tile;

    @Option(
            names = "--overlap",
            defaultValue = "32",
            description = "Tile overlap in pixels, at most half the tile (default ${DEFAULT-VALUE}).")
    int overlap;

    @Option(
            names = "--threads",
            defaultValue = "0",
            description = "PyTorch intra-op threads, 0 = all cores (default ${DEFAULT-VALUE}).")
    int threads;

    /** A command's own tile side and overlap, as a picocli default provider. */
    abstract static class Defaults implements IDefaultValueProvider {
        private final Map<String, String> values;

        Defaults(int tile, int overlap) {
            this.values = Map.of("--tile-size", Integer.toString(tile), "--overlap", Integer.toString(overlap));
        }

        @Override
        public String defaultValue(ArgSpec argument) {
            return argument instanceof OptionSpec option ? values.get(option.longestName()) : null;
        }
    }
}
