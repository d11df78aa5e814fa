package dev.imagerestore.models.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.imagerestore.models.runtime.NativeArrays;
import dev.imagerestore.models.runtime.TorchThreads;
import org.junit.jupiter.api.Test;

class PosteriorTest {

    @Test
    void tweedieEstimateInvertsTheForwardProcess() {
        TorchThreads.configure(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            // ab = 0.64: x0 = (x_t - 0.6 eps)/0.8, e.g. (1.0 - 0.6 * 0.5)/0.8 = 0.875; not clamped
            NDArray xt = NativeArrays.create(manager, new float[] {1.0f, -0.2f, 2.0f});
            NDArray eps = NativeArrays.create(manager, new float[] {0.5f, 1.0f, -1.0f});
            float[] x0 = Posterior.x0(xt, eps, 0.64).toFloatArray();
            assertThat(x0[0]).isCloseTo(0.875f, within(1e-6f));
            assertThat(x0[1]).isCloseTo(-1.0f, within(1e-6f));
            assertThat(x0[2]).isCloseTo(3.25f, within(1e-6f));
            assertThatThrownBy(() -> Posterior.x0(xt, eps, 0)).hasMessageContaining("got 0.0");
            assertThatThrownBy(() -> Posterior.x0(xt, eps, 1.5)).hasMessageContaining("got 1.5");
        }
    }
}
