package dev.imagerestore.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;

/**
 * AdamW (Loshchilov and Hutter, "Decoupled Weight Decay Regularization", ICLR 2019) over a list of
 * parameters, with its moment estimates exposed so a checkpoint can save them and a resumed run
 * continues exactly where it stopped (DJL's optimizers keep that state private).
 *
 * <p>The moments live on the manager given at construction. Not thread-safe.
 */
final class AdamW {

    private final List<Parameter> parameters;
    private final NDArray[] means;
    private final NDArray[] variances;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;

    AdamW(ParameterList named, NDManager manager, double weightDecay) {
        this.parameters = List.copyOf(named.values());
        this.beta1 = 0.9;
        this.beta2 = 0.999;
        this.epsilon = 1e-8;
        this.weightDecay = weightDecay;
        means = new NDArray[parameters.size()];
        variances = new NDArray[parameters.size()];
        for (int i = 0; i < parameters.size(); i++) {
            means[i] = manager.zeros(parameters.get(i).getArray().getShape());
            variances[i] = manager.zeros(parameters.get(i).getArray().getShape());
        }
    }

    /**
     * Applies update number {@code step} (1-based) with learning rate {@code lr}, after scaling the
     * gradients so that their global L2 norm is at most {@code maxNorm}; then clears the gradients.
     *
     * @return the global gradient norm before clipping
     */
    double step(long step, double lr, double maxNorm) {
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        try (NoGrad ignored = new NoGrad();
                NDScope scope = new NDScope()) {
            NDArray[] grads = gradients();
            double norm = norm(grads);
            if (!Double.isFinite(norm)) {
                throw new IllegalStateException(
                        "gradient norm is " + norm + " at update " + step
                                + "; no weight was changed. Resume from the last checkpoint: the update is recomputed from the same "
                                + "batch (PyTorch 2.7.1's CPU backward has now and then produced non-finite gradients from a "
                                + "finite loss here, differently on each try; see the notes on PyTorch 2.7.1 in docs/models.md)");
            }
            double scale = norm > maxNorm ? maxNorm / norm : 1.0;
            for (int i = 0; i < grads.length; i++) {
                NDArray weight = parameters.get(i).getArray();
                NDArray grad = grads[i].mul(scale);
                means[i].muli(beta1).addi(grad.mul(1 - beta1));
                variances[i].muli(beta2).addi(grad.square().mul(1 - beta2));
                NDArray update = means[i].div(correction1)
                        .div(variances[i].div(correction2).sqrt().add(epsilon));
                if (weightDecay > 0 && weight.getShape().dimension() > 1) {
                    update = update.add(weight.mul(weightDecay));
                }
                weight.subi(update.mul(lr));
                JniUtils.zeroGrad((PtNDArray) weight);
            }
            return norm;
        }
    }

    /** The global L2 norm of the gradients the last backward pass left (NaN or infinite if any is). */
    double gradientNorm() {
        try (NoGrad ignored = new NoGrad();
                NDScope scope = new NDScope()) {
            return norm(gradients());
        }
    }

    /** Clears the gradients without an update, so that a recomputed backward pass starts from zero. */
    void zeroGradients() {
        for (Parameter parameter : parameters) {
            JniUtils.zeroGrad((PtNDArray) parameter.getArray());
        }
    }

    private NDArray[] gradients() {
        NDArray[] grads = new NDArray[parameters.size()];
        for (int i = 0; i < grads.length; i++) {
            grads[i] = parameters.get(i).getArray().getGradient();
        }
        return grads;
    }

    private static double norm(NDArray[] grads) {
        double squares = 0;
        for (NDArray grad : grads) {
            squares += grad.square().sum().getFloat();
        }
        return Math.sqrt(squares);
    }

    /** The moments, means first then variances, in parameter order. */
    NDList state() {
        NDList list = new NDList();
        for (NDArray m : means) {
            list.add(m);
        }
        for (NDArray v : variances) {
            list.add(v);
        }
        return list;
    }

    /** Restores moments saved by {@link #state()}. */
    void restore(NDList saved) {
        if (saved.size() != 2 * means.length) {
            throw new IllegalArgumentException(
                    "optimizer state has " + saved.size() + " arrays, expected " + 2 * means.length);
        }
        try (NoGrad ignored = new NoGrad()) {
            for (int i = 0; i < means.length; i++) {
                means[i].set(saved.get(i).toFloatArray());
                variances[i].set(saved.get(means.length + i).toFloatArray());
            }
        }
    }
}
