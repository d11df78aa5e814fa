package dev.imagerestore.operators.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class InferenceSettingsTest {

    @Test
    void readsEveryOptionFromTheConfiguration() {
        Configuration config = new Configuration();
        config.set(InferenceOptions.DEVICE, DeviceOption.GPU);
        config.set(InferenceOptions.CPU_THREADS, 3);
        config.set(InferenceOptions.MAX_BATCH, 16);
        config.set(InferenceOptions.MAX_WAIT, Duration.ofMillis(5));
        config.set(InferenceOptions.CAPACITY, 6);
        config.set(InferenceOptions.QUEUE_CAPACITY, 64);
        config.set(InferenceOptions.TIMEOUT, Duration.ofSeconds(90));
        config.set(InferenceOptions.TILE_SIZE, 128);
        config.set(InferenceOptions.OVERLAP, 16);
        config.set(InferenceOptions.SERVICE_LINGER, Duration.ZERO);

        InferenceSettings settings = InferenceSettings.from(config);

        assertThat(settings.device()).isEqualTo(DeviceOption.GPU);
        assertThat(settings.cpuThreads()).isEqualTo(3);
        assertThat(settings.capacity()).isEqualTo(6);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(settings.tileSize()).isEqualTo(128);
        assertThat(settings.overlap()).isEqualTo(16);
        assertThat(settings.batching()).isEqualTo(new BatchSettings(16, Duration.ofMillis(5), 64, Duration.ZERO));
    }

    @Test
    void defaultsAreValid() {
        InferenceSettings defaults = InferenceSettings.defaults();
        assertThat(defaults.device()).isEqualTo(DeviceOption.AUTO);
        assertThat(defaults.batching().queueCapacity())
                .isGreaterThanOrEqualTo(defaults.batching().maxBatch());
    }

    @Test
    void deviceOptionParsesFromText() {
        Configuration config = Configuration.fromMap(Map.of("inference.device", "gpu"));
        assertThat(InferenceSettings.from(config).device()).isEqualTo(DeviceOption.GPU);
    }

    @Test
    void overlapOfHalfATileIsRejectedWithTheLimit() {
        Configuration config = new Configuration();
        config.set(InferenceOptions.TILE_SIZE, 64);
        config.set(InferenceOptions.OVERLAP, 32);
        assertThatThrownBy(() -> InferenceSettings.from(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inference.overlap = 32 must be >= 0 and less than half of inference.tile-size = 64; "
                        + "lower it below 32");
    }

    @Test
    void queueThatCannotHoldOneBatchIsRejectedWithTheFix() {
        Configuration config = new Configuration();
        config.set(InferenceOptions.MAX_BATCH, 8);
        config.set(InferenceOptions.QUEUE_CAPACITY, 4);
        assertThatThrownBy(() -> InferenceSettings.from(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inference.queue-capacity = 4 cannot hold one batch of inference.max-batch = 8 tiles; "
                        + "raise it to at least 8");
    }

    @Test
    void zeroTimeoutIsRejected() {
        Configuration config = new Configuration();
        config.set(InferenceOptions.TIMEOUT, Duration.ZERO);
        assertThatThrownBy(() -> InferenceSettings.from(config))
                .hasMessageContaining("inference.timeout must be positive");
    }
}
