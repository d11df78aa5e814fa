package dev.imagerestore.models.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The trainers share one set of options; train-depth gives its own defaults for some of them. */
class TrainingOptionsTest {

    private static final String[] REQUIRED = {"--data", "d", "--work", "w", "--output", "o", "--steps", "10"};

    @Test
    void trainDepthParsesWithItsOwnDefaultsAndShowsThemInItsHelp() {
        TrainDepthCommand depth = new TrainDepthCommand();
        CommandLine line = new CommandLine(depth);
        line.parseArgs(REQUIRED);

        assertThat(depth.training.learningRate).isEqualTo(1e-3);
        assertThat(depth.training.warmup).isEqualTo(200);
        assertThat(depth.training.ema).isEqualTo(0.998);
        assertThat(depth.training.batch).isEqualTo(8);
        assertThat(depth.training.checkpointEvery).isEqualTo(250);
        assertThat(depth.noAttention).isFalse();
        assertThat(depth.training.weightDecay).as("a default it shares").isEqualTo(1e-4);
        assertThat(line.getUsageMessage()).contains("Peak learning rate (default 1e-3)", "(default 0.998)");

        TrainDepthCommand without = new TrainDepthCommand();
        new CommandLine(without).parseArgs(concat(REQUIRED, "--no-attention", "--lr", "2e-4"));
        assertThat(without.noAttention).isTrue();
        assertThat(without.training.learningRate).isEqualTo(2e-4);
    }

    @Test
    void trainKeepsTheSharedDefaults() {
        TrainCommand train = new TrainCommand();
        CommandLine line = new CommandLine(train);
        line.parseArgs(REQUIRED);

        assertThat(train.training.learningRate).isEqualTo(5e-4);
        assertThat(train.training.warmup).isEqualTo(500);
        assertThat(train.training.ema).isEqualTo(0.999);
        assertThat(train.training.batch).isEqualTo(16);
        assertThat(train.training.attention).isFalse();
        assertThat(train.folders.crop).isEqualTo(64);
        assertThat(line.getUsageMessage()).contains("Peak learning rate (default 5e-4)");
    }

    @Test
    void evalCommandsShareTheTilingOptionsWithTheirModelsTileSizes() {
        EvalCommand.Denoise denoise = new EvalCommand.Denoise();
        new CommandLine(denoise).parseArgs("--clean", "c", "--sigma", "15");
        assertThat(denoise.tiling.tile).isEqualTo(dev.imagerestore.models.restore.Denoiser.DEFAULT_TILE_SIZE);
        assertThat(denoise.tiling.overlap).isEqualTo(dev.imagerestore.models.restore.Denoiser.DEFAULT_OVERLAP);

        EvalDamageCommand damage = new EvalDamageCommand();
        CommandLine line = new CommandLine(damage);
        line.parseArgs("--clean", "c", "--model", "m", "--tile", "64");
        assertThat(damage.tiling.tile).isEqualTo(64);
        assertThat(damage.tiling.overlap).isEqualTo(32);
        assertThat(line.getUsageMessage()).contains("Tile side in pixels (default 256)");

        EvalSamplersCommand samplers = new EvalSamplersCommand();
        new CommandLine(samplers).parseArgs("--clean", "c");
        assertThat(samplers.tiling.tile).isEqualTo(128);
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
