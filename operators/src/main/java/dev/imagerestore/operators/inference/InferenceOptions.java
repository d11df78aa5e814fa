package dev.imagerestore.operators.inference;

import static org.apache.flink.configuration.ConfigOptions.key;

import dev.imagerestore.models.restore.Denoiser;
import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.MemorySize;

/**
 * The options of the device-bound inference stage, read into {@link InferenceSettings}.
 *
 * <p>Sizing: each subtask keeps at most {@link #CAPACITY} images in flight; their tiles queue in the
 * TaskManager's shared {@link InferenceService}, whose queue holds at most {@link #QUEUE_CAPACITY}
 * tiles, and a worker forms batches of up to {@link #MAX_BATCH} tiles, waiting at most
 * {@link #MAX_WAIT} for a batch to fill. A per-image task ({@link ImageProcessor}) queues one item
 * per image and runs them one at a time, so for it the queue counts images and the batch options do
 * not apply. When the device is slower than the input, the full queue blocks the submitting subtask
 * and back-pressure reaches the source; nothing buffers without bound.
 */
public final class InferenceOptions {

    public static final ConfigOption<DeviceOption> DEVICE = key("inference.device")
            .enumType(DeviceOption.class)
            .defaultValue(DeviceOption.AUTO)
            .withDescription("Where the model runs.");

    public static final ConfigOption<GpuAssignment> GPU_ASSIGNMENT = key("inference.gpu-assignment")
            .enumType(GpuAssignment.class)
            .defaultValue(GpuAssignment.EXTERNAL_RESOURCE)
            .withDescription("How a subtask finds its GPU for inference.device GPU or AUTO; restore sets ENGINE when "
                    + "it runs on the embedded mini cluster.");

    public static final ConfigOption<Integer> CPU_THREADS = key("inference.cpu-threads")
            .intType()
            .defaultValue(0)
            .withDescription("PyTorch intra-op threads for CPU inference on each TaskManager; 0 uses one per "
                    + "available processor.");

    public static final ConfigOption<Integer> CPU_WORKERS = key("inference.cpu-workers")
            .intType()
            .defaultValue(1)
            .withDescription("Copies of the model that run at once on each TaskManager's CPU; the device stage's "
                    + "subtasks are spread over them (subtask index modulo this). With several, "
                    + "inference.cpu-threads is each copy's intra-op thread count and its default 0 gives each "
                    + "copy an equal share of the processors. Several single-threaded copies use the cores of a "
                    + "CPU TaskManager better than one copy with many threads, at the memory of one model each.");

    public static final ConfigOption<Integer> MAX_BATCH = key("inference.max-batch")
            .intType()
            .defaultValue(8)
            .withDescription("Most tiles in one forward pass; tiles of different images share batches.");

    public static final ConfigOption<Duration> MAX_WAIT = key("inference.max-wait")
            .durationType()
            .defaultValue(Duration.ofMillis(20))
            .withDescription("Longest time the first tile of a batch waits for the batch to fill.");

    public static final ConfigOption<Integer> CAPACITY = key("inference.capacity")
            .intType()
            .defaultValue(4)
            .withDescription("Images in flight per subtask (the capacity of the async operator).");

    public static final ConfigOption<Integer> QUEUE_CAPACITY = key("inference.queue-capacity")
            .intType()
            .defaultValue(256)
            .withDescription("Tiles (whole images for depth2img) waiting for the device per TaskManager and model; "
                    + "a full queue blocks the submitting subtask (back-pressure).");

    public static final ConfigOption<Duration> TIMEOUT = key("inference.timeout")
            .durationType()
            .defaultValue(Duration.ofMinutes(10))
            .withDescription("Longest time one image may take; a slower image becomes a dead letter.");

    public static final ConfigOption<Integer> TILE_SIZE = key("inference.tile-size")
            .intType()
            .defaultValue(Denoiser.DEFAULT_TILE_SIZE)
            .withDescription("Largest side of the square tiles images are cut into; a multiple of the model's size "
                    + "multiple. Each image size gets the side, from half this value up to it, that covers it with "
                    + "the fewest computed pixels.");

    public static final ConfigOption<Integer> OVERLAP = key("inference.overlap")
            .intType()
            .defaultValue(Denoiser.DEFAULT_OVERLAP)
            .withDescription("Pixels neighbouring tiles overlap by; blended to hide seams.");

    public static final ConfigOption<Duration> SERVICE_LINGER = key("inference.service-linger")
            .durationType()
            .defaultValue(Duration.ofSeconds(60))
            .withDescription("How long a TaskManager keeps an unused model loaded, so that a restarted task "
                    + "finds it again; 0 unloads it when its last subtask closes.");

    public static final ConfigOption<Double> SLOT_CPU_CORES = key("inference.slot.cpu-cores")
            .doubleType()
            .defaultValue(1.0)
            .withDescription("CPU cores of an inference slot when it requests a GPU (fine-grained resources).");

    public static final ConfigOption<MemorySize> SLOT_TASK_HEAP = key("inference.slot.task-heap-memory")
            .memoryType()
            .defaultValue(MemorySize.parse("1g"))
            .withDescription("Task heap of an inference slot when it requests a GPU (fine-grained resources).");

    private InferenceOptions() {}
}
