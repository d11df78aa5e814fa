package dev.imagerestore.job;

import dev.imagerestore.job.samples.SampleGenerator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code samples}: writes the generated sample inputs that the README's first command restores. */
@Command(
        name = "samples",
        mixinStandardHelpOptions = true,
        description = "Write the project's generated sample inputs (noisy synthetic scenes and a ledger page).")
final class SamplesCommand implements Callable<Integer> {

    @Option(names = "--output", required = true, description = "Folder to write the samples into.")
    Path output;

    @Option(
            names = "--seed",
            defaultValue = "2026",
            description = "Seed of the drawings and the grain (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        for (SampleGenerator.Sample sample : new SampleGenerator(seed).writeAll(output)) {
            System.out.printf("%s (%s)%n", sample.file(), sample.degradation());
        }
        return 0;
    }
}
