package dev.imagerestore.models.testing;

import ai.djl.ndarray.NDArray;
import dev.imagerestore.models.NoisePredictor;
import dev.imagerestore.models.schedule.NoiseSchedule;

/**
 * The exact noise predictor of a Gaussian data distribution: if every pixel of {@code x0} is drawn
 * from {@code N(mu, s^2)}, then {@code x_t = sqrt(ab) x0 + sqrt(1 - ab) eps} is Gaussian too and the
 * minimum-mean-squared-error prediction of {@code eps} is the closed form
 * {@code eps*(x_t, t) = (x_t - sqrt(ab) mu) sqrt(1 - ab) / (ab s^2 + 1 - ab)}, so the score is known
 * at every timestep and a sampler's output distribution can be checked against {@code N(mu, s^2)}.
 * Computed with NDArrays, per element; the timestep is read from the first entry of {@code t}
 * (samplers give the whole batch one timestep). Confined to one thread; counts its calls.
 */
public final class GaussianDataPredictor implements NoisePredictor {

    private final NoiseSchedule schedule;
    private final double mu;
    private final double s;
    private int calls;

    public GaussianDataPredictor(NoiseSchedule schedule, double mu, double s) {
        if (!(s > 0)) {
            throw new IllegalArgumentException("data standard deviation must be > 0, got " + s);
        }
        this.schedule = schedule;
        this.mu = mu;
        this.s = s;
    }

    @Override
    public NDArray predictNoise(NDArray x, NDArray t, NDArray labels) {
        calls++;
        double ab = schedule.alphaBar((double) t.getFloat(0));
        double gain = Math.sqrt(1 - ab) / (ab * s * s + 1 - ab);
        return x.sub((float) (Math.sqrt(ab) * mu)).muli((float) gain);
    }

    /** The exact probability-flow ODE map from {@code x_t} at alpha-bar {@code ab} to the clean image. */
    public double odeSolution(double xt, double ab) {
        return mu + s * (xt - Math.sqrt(ab) * mu) / Math.sqrt(ab * s * s + 1 - ab);
    }

    /** A draw from the exact marginal {@code N(sqrt(ab) mu, ab s^2 + 1 - ab)} given a standard normal value. */
    public double marginal(double standardNormal, double ab) {
        return Math.sqrt(ab) * mu + Math.sqrt(ab * s * s + 1 - ab) * standardNormal;
    }

    public int calls() {
        return calls;
    }

    @Override
    public void close() {}
}
