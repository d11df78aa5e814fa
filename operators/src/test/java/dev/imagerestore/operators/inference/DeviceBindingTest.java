package dev.imagerestore.operators.inference;

import static dev.imagerestore.operators.inference.InferenceHarnesses.function;
import static dev.imagerestore.operators.inference.InferenceHarnesses.harness;
import static dev.imagerestore.operators.inference.InferenceHarnesses.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagerestore.operators.inference.TestImages.Image;
import dev.imagerestore.operators.inference.TestImages.Result;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.externalresource.ExternalResourceInfo;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalResourceOptions;
import org.apache.flink.core.plugin.PluginManager;
import org.apache.flink.runtime.externalresource.ExternalResourceInfoProvider;
import org.apache.flink.runtime.externalresource.ExternalResourceUtils;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceBindingTest {

    private static final String GPU_DRIVER_FACTORY = "org.apache.flink.externalresource.gpu.GPUDriverFactory";

    @TempDir
    Path dir;

    @Test
    void gpuOptionTakesTheLowestAssignedIndex() {
        InferenceDevice device = DeviceBinding.resolve(DeviceOption.GPU, Set.of(gpu("3"), gpu("1")), 4, () -> 0);
        assertThat(device).isEqualTo(InferenceDevice.gpu(1));
        assertThat(device.toDjl()).isEqualTo(ai.djl.Device.gpu(1));
    }

    @Test
    void gpuOptionWithoutAnAssignedGpuFailsNamingTheFix() {
        assertThatThrownBy(() -> DeviceBinding.resolve(DeviceOption.GPU, Set.of(), 4, () -> 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inference.device = GPU")
                .hasMessageContaining("no external resource 'gpu'")
                .hasMessageContaining("external-resource.gpu.driver-factory.class: " + GPU_DRIVER_FACTORY);
    }

    @Test
    void gpuInfoWithoutAValidIndexIsRejected() {
        ExternalResourceInfo noIndex = info(Map.of("uuid", "GPU-1234"));
        assertThatThrownBy(() -> DeviceBinding.resolve(DeviceOption.GPU, Set.of(noIndex), 1, () -> 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no 'index' property")
                .hasMessageContaining("[uuid]");
        assertThatThrownBy(() -> DeviceBinding.resolve(DeviceOption.AUTO, Set.of(gpu("first")), 1, () -> 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reports index 'first'");
    }

    @Test
    void cpuOptionIgnoresAssignedGpusAndKeepsTheThreadCount() {
        assertThat(DeviceBinding.resolve(DeviceOption.CPU, Set.of(gpu("0")), 3, () -> 1))
                .isEqualTo(InferenceDevice.cpu(3));
    }

    @Test
    void autoPicksTheGpuOnlyWhenAssignedAndSeenByTheEngine() {
        AtomicInteger engineAsked = new AtomicInteger();
        assertThat(DeviceBinding.resolve(DeviceOption.AUTO, Set.of(), 2, () -> engineAsked.incrementAndGet()))
                .isEqualTo(InferenceDevice.cpu(2));
        assertThat(engineAsked)
                .as("no GPU assigned: the engine is not even asked")
                .hasValue(0);
        assertThat(DeviceBinding.resolve(DeviceOption.AUTO, Set.of(gpu("5")), 2, () -> 0))
                .isEqualTo(InferenceDevice.cpu(2));
        assertThat(DeviceBinding.resolve(DeviceOption.AUTO, Set.of(gpu("5")), 2, () -> 1))
                .isEqualTo(InferenceDevice.gpu(5));
    }

    @Test
    void flinksGpuDriverOnAFakeDiscoveryScriptBindsTheFirstReportedGpu() throws Exception {
        ExternalResourceInfoProvider provider = gpuProvider(2, "--indexes 2,3");
        Set<ExternalResourceInfo> gpus = provider.getExternalResourceInfos(DeviceBinding.GPU_RESOURCE);

        assertThat(gpus)
                .extracting(
                        info -> info.getProperty(DeviceBinding.INDEX_PROPERTY).orElseThrow())
                .containsExactlyInAnyOrder("2", "3");
        assertThat(DeviceBinding.resolve(DeviceOption.GPU, gpus, 1, () -> 0)).isEqualTo(InferenceDevice.gpu(2));
    }

    @Test
    void flinksGpuDriverReportingNoGpuLeavesGpuOptionUnresolvable() throws Exception {
        Set<ExternalResourceInfo> gpus = gpuProvider(1, "--none").getExternalResourceInfos(DeviceBinding.GPU_RESOURCE);
        assertThat(gpus).isEmpty();
        assertThatThrownBy(() -> DeviceBinding.resolve(DeviceOption.GPU, gpus, 1, () -> 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no external resource 'gpu'");
        assertThat(DeviceBinding.resolve(DeviceOption.AUTO, gpus, 1, () -> 1)).isEqualTo(InferenceDevice.cpu(1));
    }

    @Test
    void onTheEngineSubtasksAreSpreadOverTheGpusItSees() {
        assertThat(DeviceBinding.resolveOnEngine(DeviceOption.GPU, 0, 2, () -> 2))
                .isEqualTo(InferenceDevice.gpu(0));
        assertThat(DeviceBinding.resolveOnEngine(DeviceOption.GPU, 3, 2, () -> 2))
                .isEqualTo(InferenceDevice.gpu(1));
        assertThat(DeviceBinding.resolveOnEngine(DeviceOption.AUTO, 4, 2, () -> 3))
                .isEqualTo(InferenceDevice.gpu(1));
        assertThat(DeviceBinding.resolveOnEngine(DeviceOption.AUTO, 1, 2, () -> 0))
                .isEqualTo(InferenceDevice.cpu(2));
        AtomicInteger engineAsked = new AtomicInteger();
        assertThat(DeviceBinding.resolveOnEngine(DeviceOption.CPU, 1, 3, () -> engineAsked.incrementAndGet() + 1))
                .isEqualTo(InferenceDevice.cpu(3));
        assertThat(engineAsked)
                .as("the CPU option never starts the engine to count GPUs")
                .hasValue(0);
        assertThatThrownBy(() -> DeviceBinding.resolveOnEngine(DeviceOption.GPU, 0, 1, () -> 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sees no GPU")
                .hasMessageContaining("-Pcuda");
    }

    @Test
    void cpuWorkersSplitTheProcessorsUnlessAThreadCountIsSet() {
        assertThat(InferenceDevice.cpu(0).forCpuWorker(5, 2, 8)).isEqualTo(new InferenceDevice(-1, 4, 1));
        assertThat(InferenceDevice.cpu(0).forCpuWorker(4, 3, 2))
                .as("at least one thread each")
                .isEqualTo(new InferenceDevice(-1, 1, 1));
        assertThat(InferenceDevice.cpu(3).forCpuWorker(2, 2, 8)).isEqualTo(new InferenceDevice(-1, 3, 0));
        assertThat(InferenceDevice.cpu(0).forCpuWorker(7, 1, 8))
                .as("one worker: the device as resolved")
                .isEqualTo(InferenceDevice.cpu(0));
        assertThat(InferenceDevice.gpu(1).forCpuWorker(3, 2, 8)).isEqualTo(InferenceDevice.gpu(1));
        assertThat(new InferenceDevice(-1, 1, 1)).hasToString("cpu(worker 1, 1 threads)");
        assertThatThrownBy(() -> new InferenceDevice(0, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cpuWorker must be >= 0, and 0 on a GPU, got 1 on a GPU");
        assertThatThrownBy(() -> settings(c -> c.set(InferenceOptions.CPU_WORKERS, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inference.cpu-workers must be >= 1, got 0");
    }

    @Test
    void eachCpuWorkerLoadsItsOwnModelAndSubtasksShareThemByIndex() throws Exception {
        TestingTileBatchProcessor processor = new TestingTileBatchProcessor();
        InferenceSettings settings = settings(c -> c.set(InferenceOptions.CPU_WORKERS, 2));
        List<RestoreAsyncFunction<Image, Result>> functions =
                List.of(function(processor, settings), function(processor, settings), function(processor, settings));
        List<OneInputStreamOperatorTestHarness<Image, Result>> harnesses = new ArrayList<>();
        try {
            for (int subtask = 0; subtask < functions.size(); subtask++) {
                OneInputStreamOperatorTestHarness<Image, Result> harness =
                        InferenceHarnesses.harness(functions.get(subtask), functions.size(), subtask);
                harnesses.add(harness);
                harness.open();
            }
            assertThat(functions)
                    .extracting(f -> f.service().device())
                    .containsExactly(
                            new InferenceDevice(-1, 1, 0),
                            new InferenceDevice(-1, 1, 1),
                            new InferenceDevice(-1, 1, 0));
            assertThat(functions.get(1).service()).isNotSameAs(functions.get(0).service());
            assertThat(functions.get(2).service()).isSameAs(functions.get(0).service());
            assertThat(processor.creations())
                    .as("one model per worker, not per subtask")
                    .isEqualTo(2);
            assertThat(processor.devices())
                    .containsExactlyInAnyOrder(new InferenceDevice(-1, 1, 0), new InferenceDevice(-1, 1, 1));
        } finally {
            for (OneInputStreamOperatorTestHarness<Image, Result> harness : harnesses) {
                harness.close();
            }
        }
    }

    @Test
    void functionOnTheEngineAssignmentIgnoresSlotResourcesAndFallsBackToTheCpuWithoutGpus() throws Exception {
        TestingTileBatchProcessor processor = new TestingTileBatchProcessor();
        RestoreAsyncFunction<Image, Result> function = function(processor, settings(c -> {
            c.set(InferenceOptions.DEVICE, DeviceOption.AUTO);
            c.set(InferenceOptions.GPU_ASSIGNMENT, GpuAssignment.ENGINE);
            c.set(InferenceOptions.CPU_THREADS, 1);
        }));
        try (MockEnvironment environment = new MockEnvironmentBuilder()
                        .setExternalResourceInfoProvider(gpuProvider(1, "--indexes 1"))
                        .build();
                OneInputStreamOperatorTestHarness<Image, Result> harness = harness(function, environment)) {
            harness.open();
            assertThat(function.service().device())
                    .as("the CPU build of PyTorch sees no GPU")
                    .isEqualTo(InferenceDevice.cpu(1));
        }
    }

    @Test
    void functionOpensItsServiceOnTheGpuItsTaskManagerAssigned() throws Exception {
        TestingTileBatchProcessor processor = new TestingTileBatchProcessor();
        RestoreAsyncFunction<Image, Result> function =
                function(processor, settings(c -> c.set(InferenceOptions.DEVICE, DeviceOption.GPU)));
        try (MockEnvironment environment = new MockEnvironmentBuilder()
                        .setExternalResourceInfoProvider(gpuProvider(1, "--indexes 1"))
                        .build();
                OneInputStreamOperatorTestHarness<Image, Result> harness = harness(function, environment)) {
            harness.open();
            assertThat(function.service().device()).isEqualTo(InferenceDevice.gpu(1));
            assertThat(processor.devices()).containsExactly(InferenceDevice.gpu(1));
        }
    }

    @Test
    void perImageFunctionLoadsItsProcessorOnTheGpuItsTaskManagerAssigned() throws Exception {
        TestingImageProcessor processor = new TestingImageProcessor();
        RestoreAsyncFunction<Image, Result> function =
                InferenceHarnesses.perImage(processor, settings(c -> c.set(InferenceOptions.DEVICE, DeviceOption.GPU)));
        try (MockEnvironment environment = new MockEnvironmentBuilder()
                        .setExternalResourceInfoProvider(gpuProvider(2, "--indexes 3,2"))
                        .build();
                OneInputStreamOperatorTestHarness<Image, Result> harness = harness(function, environment)) {
            harness.open();
            assertThat(function.service().device()).isEqualTo(InferenceDevice.gpu(2));
            assertThat(processor.devices())
                    .as("the models are loaded onto the resolved device, not the default")
                    .containsExactly(InferenceDevice.gpu(2));
        }
    }

    /**
     * What a TaskManager configured for GPUs builds: Flink's GPU driver, found by its factory class name
     * through the plugin mechanism, running {@code fake-gpu-discovery.sh} with {@code args}.
     */
    private ExternalResourceInfoProvider gpuProvider(int amount, String args) throws Exception {
        Path script = dir.resolve("fake-gpu-discovery.sh");
        if (!Files.exists(script)) {
            try (InputStream in = DeviceBindingTest.class.getResourceAsStream("/inference/fake-gpu-discovery.sh")) {
                Files.copy(in, script);
            }
            assertThat(script.toFile().setExecutable(true)).isTrue();
        }
        Configuration config = new Configuration();
        config.set(ExternalResourceOptions.EXTERNAL_RESOURCE_LIST, List.of(DeviceBinding.GPU_RESOURCE));
        config.set(
                ConfigOptions.key(ExternalResourceOptions.getAmountConfigOptionForResource("gpu"))
                        .longType()
                        .noDefaultValue(),
                (long) amount);
        set(
                config,
                ExternalResourceOptions.getExternalResourceDriverFactoryConfigOptionForResource("gpu"),
                GPU_DRIVER_FACTORY);
        String params = ExternalResourceOptions.getExternalResourceParamConfigPrefixForResource("gpu");
        set(config, params + "discovery-script.path", script.toString());
        set(config, params + "discovery-script.args", args);
        return ExternalResourceUtils.createStaticExternalResourceInfoProviderFromConfig(config, new ServicePlugins());
    }

    private static void set(Configuration config, String key, String value) {
        config.set(ConfigOptions.key(key).stringType().noDefaultValue(), value);
    }

    private static ExternalResourceInfo gpu(String index) {
        return info(Map.of(DeviceBinding.INDEX_PROPERTY, index));
    }

    private static ExternalResourceInfo info(Map<String, String> properties) {
        return new ExternalResourceInfo() {
            @Override
            public Optional<String> getProperty(String key) {
                return Optional.ofNullable(properties.get(key));
            }

            @Override
            public Collection<String> getKeys() {
                return properties.keySet();
            }

            @Override
            public String toString() {
                return "GPU" + properties;
            }
        };
    }

    /** Plugins from the test class path, as a TaskManager finds them in its plugins directory. */
    private static final class ServicePlugins implements PluginManager {
        @Override
        public <P> Iterator<P> load(Class<P> service) {
            return ServiceLoader.load(service).iterator();
        }
    }
}
