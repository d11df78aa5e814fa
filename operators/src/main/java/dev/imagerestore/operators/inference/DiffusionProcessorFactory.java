package dev.imagerestore.operators.inference;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.io.ModelCard;
import dev.imagerestore.models.io.ModelDirectory;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.operators.inference.internal.DiffusionTileProcessor;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Processors that denoise tiles with the project's diffusion UNet in a model directory (see
 * {@link DiffusionTileProcessor} for the one-step restoration). The weights are loaded onto the
 * resolved device, which must be PyTorch's default device (see {@link #create}); on the CPU, PyTorch
 * first gets the device's intra-op thread count ({@link TorchThreads#configure}).
 *
 * <p>Serializable: it holds the directory as a string, which must be readable on every TaskManager.
 */
public final class DiffusionProcessorFactory implements TileBatchProcessor.Factory {

    private static final long serialVersionUID = 1L;

    private final String directory;

    public DiffusionProcessorFactory(Path directory) {
        this.directory = directory.toAbsolutePath().normalize().toString();
    }

    @Override
    public String modelKey() {
        return "diffusion:" + directory;
    }

    /**
     * Loads the model onto {@code device}.
     *
     * @throws UnsupportedOperationException when {@code device} is not PyTorch's default device (a
     *     second GPU, or the CPU of a GPU host), which {@link DiffusionModel} cannot predict on yet
     * @throws IllegalStateException when Flink assigned a GPU that PyTorch does not see
     */
    @Override
    public TileBatchProcessor create(InferenceDevice device) throws Exception {
        if (device.isGpu()) {
            checkGpuVisible(device.gpuIndex());
            TorchThreads.configureDefault();
        } else {
            TorchThreads.configure(device.cpuThreads());
        }
        checkModelDevice(device.toDjl());
        Path path = Paths.get(directory);
        NDManager weights = NDManager.newBaseManager(device.toDjl(), "PyTorch");
        try {
            ModelCard card = ModelDirectory.readCard(path);
            Block block = ModelDirectory.loadBlock(path, card, weights);
            return new DiffusionTileProcessor(DiffusionModel.of(card, block), weights);
        } catch (Exception | Error e) {
            weights.close();
            throw e;
        }
    }

    private static void checkGpuVisible(int index) {
        int visible = Engine.getEngine("PyTorch").getGpuCount();
        if (index >= visible) {
            throw new IllegalStateException("Flink assigned GPU " + index + " but PyTorch sees " + visible
                    + " GPU(s): the discovery script reports host indices, so do not restrict CUDA_VISIBLE_DEVICES on "
                    + "TaskManagers, and build the job with the CUDA natives (mvn -Pcuda)");
        }
    }

    /**
     * {@link DiffusionModel} predicts on the engine's default device (gpu(0) on a GPU host, else the
     * CPU), and DJL's parameter store rejects inputs on any other device; until the model can be
     * loaded onto a chosen device, other devices are refused here with the way out.
     */
    private static void checkModelDevice(ai.djl.Device target) {
        ai.djl.Device modelDevice = Engine.getEngine("PyTorch").defaultDevice();
        if (!modelDevice.equals(target)) {
            throw new UnsupportedOperationException("this subtask resolved to " + target + " but DiffusionModel "
                    + "predicts on PyTorch's default device " + modelDevice + " and cannot yet be loaded onto "
                    + "another; give each TaskManager one GPU and use " + InferenceOptions.DEVICE.key()
                    + " = AUTO or GPU on GPU hosts, CPU on CPU hosts");
        }
    }

    @Override
    public String toString() {
        return modelKey();
    }
}
