package dev.imagerestore.models.restore;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.NoisePredictor;
import dev.imagerestore.models.schedule.NoiseSchedule;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What restoration needs of a noise-predicting network: a way to open thread-confined predictors,
 * the schedule it was trained with, the channels it predicts, the multiple its input sides must have
 * and, for a label-conditioned network, the size of its label vocabulary (restoration then passes the
 * "no label" token {@code labelCount}). Built from a {@link DiffusionModel}, or directly for any other
 * {@link NoisePredictor} (a TorchScript export, an analytic predictor in tests). Restoration builds
 * its input arrays on {@code device}, the device the predictors run on. Immutable.
 */
public record DenoisingNetwork(
        Supplier<NoisePredictor> predictors,
        NoiseSchedule schedule,
        int imageChannels,
        int sizeMultiple,
        int labelCount,
        Device device) {

    /** A network whose predictors run on PyTorch's default device. */
    public DenoisingNetwork(
            Supplier<NoisePredictor> predictors,
            NoiseSchedule schedule,
            int imageChannels,
            int sizeMultiple,
            int labelCount) {
        this(
                predictors,
                schedule,
                imageChannels,
                sizeMultiple,
                labelCount,
                Engine.getEngine("PyTorch").defaultDevice());
    }

    public DenoisingNetwork {
        Objects.requireNonNull(predictors, "predictors");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(device, "device");
        if (imageChannels != 1 && imageChannels != 3) {
            throw new IllegalArgumentException("restoration supports 1- or 3-channel networks, got " + imageChannels);
        }
        if (sizeMultiple < 1 || labelCount < 0) {
            throw new IllegalArgumentException(
                    "need sizeMultiple >= 1 and labelCount >= 0, got " + sizeMultiple + " and " + labelCount);
        }
    }

    /**
     * The network of a loaded model, on the model's device. The model stays the caller's: it must
     * outlive every denoiser built on it.
     *
     * @throws IllegalArgumentException for a model with conditioning channels, which plain denoising cannot feed
     */
    public static DenoisingNetwork of(DiffusionModel model) {
        int conditions = model.card().architecture().conditionChannels();
        if (conditions > 0) {
            throw new IllegalArgumentException(
                    "model '" + model.card().name() + "' expects " + conditions + " conditioning channels "
                            + model.card().conditions() + "; denoising needs an unconditional model");
        }
        return new DenoisingNetwork(
                model::newPredictor,
                model.schedule(),
                model.imageChannels(),
                model.sizeMultiple(),
                model.card().architecture().labelCount(),
                model.device());
    }
}
