package dev.imagerestore.models;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.translate.TranslateException;

/**
 * The {@link NoisePredictor} of a TorchScript export: calls {@code forward(x, t)} with the
 * timesteps rounded to the nearest integer (ties to even, as {@code torch.round}) and cast to
 * int64, the type such exports are traced or scripted with. Confined to one thread.
 */
final class TorchScriptNoisePredictor implements NoisePredictor {

    private final Predictor<NDList, NDList> predictor;

    TorchScriptNoisePredictor(Predictor<NDList, NDList> predictor) {
        this.predictor = predictor;
    }

    @Override
    public NDArray predictNoise(NDArray x, NDArray t, NDArray labels) {
        try (NDArray rounded = t.round();
                NDArray steps = rounded.toType(DataType.INT64, true)) {
            NDArray eps = predictor.predict(new NDList(x, steps)).singletonOrThrow();
            eps.attach(x.getManager());
            return eps;
        } catch (TranslateException e) {
            throw new IllegalStateException("the TorchScript forward pass failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        predictor.close();
    }
}
