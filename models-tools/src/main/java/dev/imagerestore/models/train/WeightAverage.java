package dev.imagerestore.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import java.util.List;

/**
 * Exponential moving average of the weights (Polyak averaging, as DDPM samples from), kept in a
 * second block of the same architecture. The decay ramps up as {@code min(decay, (1+n)/(10+n))}
 * so that early averages are not dominated by the random initialisation.
 */
final class WeightAverage {

    private final List<Parameter> online;
    private final List<Parameter> averaged;
    private final double decay;

    WeightAverage(ParameterList online, ParameterList averaged, double decay) {
        if (online.size() != averaged.size()) {
            throw new IllegalArgumentException(
                    "blocks differ: " + online.size() + " vs " + averaged.size() + " parameters");
        }
        this.online = List.copyOf(online.values());
        this.averaged = List.copyOf(averaged.values());
        this.decay = decay;
    }

    /** Copies the online weights into the average. */
    void reset() {
        try (NoGrad ignored = new NoGrad()) {
            for (int i = 0; i < online.size(); i++) {
                averaged.get(i).getArray().set(online.get(i).getArray().toFloatArray());
            }
        }
    }

    /** Folds the online weights in after update number {@code step}. */
    void update(long step) {
        double d = Math.min(decay, (1.0 + step) / (10.0 + step));
        try (NoGrad ignored = new NoGrad();
                NDScope scope = new NDScope()) {
            for (int i = 0; i < online.size(); i++) {
                NDArray avg = averaged.get(i).getArray();
                avg.muli(d).addi(online.get(i).getArray().mul(1 - d));
            }
        }
    }
}
