package dev.imagerestore.operators.inference;

import dev.imagerestore.operators.inference.TestImages.Image;
import dev.imagerestore.operators.inference.TestImages.Result;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

/** Builds settings, functions and operator harnesses for the inference tests. */
final class InferenceHarnesses {

    private InferenceHarnesses() {}

    /** CPU settings with no service linger, changed by {@code options}. */
    static InferenceSettings settings(Consumer<Configuration> options) {
        Configuration config = new Configuration();
        config.set(InferenceOptions.DEVICE, DeviceOption.CPU);
        config.set(InferenceOptions.CPU_THREADS, 1);
        config.set(InferenceOptions.SERVICE_LINGER, Duration.ZERO);
        options.accept(config);
        return InferenceSettings.from(config);
    }

    static RestoreAsyncFunction<Image, Result> function(
            TestingTileBatchProcessor processor, InferenceSettings settings) {
        return RestoreAsyncFunction.tiles(new TestImages.Adapter(), processor.factory(), settings);
    }

    static RestoreAsyncFunction<Image, Result> perImage(TestingImageProcessor processor, InferenceSettings settings) {
        return RestoreAsyncFunction.perImage(new TestImages.WholeImageAdapter(), processor.factory(), settings);
    }

    /** An unordered async operator around {@code function}, as {@link InferenceStage#apply} configures it. */
    static OneInputStreamOperatorTestHarness<Image, Result> harness(RestoreAsyncFunction<Image, Result> function)
            throws Exception {
        return new OneInputStreamOperatorTestHarness<>(factory(function), imageSerializer());
    }

    static OneInputStreamOperatorTestHarness<Image, Result> harness(
            RestoreAsyncFunction<Image, Result> function, MockEnvironment environment) throws Exception {
        return new OneInputStreamOperatorTestHarness<>(factory(function), imageSerializer(), environment);
    }

    /** The harness of subtask {@code subtaskIndex} of {@code parallelism}. */
    static OneInputStreamOperatorTestHarness<Image, Result> harness(
            RestoreAsyncFunction<Image, Result> function, int parallelism, int subtaskIndex) throws Exception {
        MockEnvironment environment = new MockEnvironmentBuilder()
                .setMaxParallelism(128)
                .setParallelism(parallelism)
                .setSubtaskIndex(subtaskIndex)
                .build();
        return harness(function, environment);
    }

    private static AsyncWaitOperatorFactory<Image, Result> factory(RestoreAsyncFunction<Image, Result> function) {
        InferenceSettings settings = function.settings();
        return new AsyncWaitOperatorFactory<>(
                function, settings.timeout().toMillis(), settings.capacity(), AsyncDataStream.OutputMode.UNORDERED);
    }

    private static TypeSerializer<Image> imageSerializer() {
        return TypeInformation.of(Image.class).createSerializer(new ExecutionConfig().getSerializerConfig());
    }
}
