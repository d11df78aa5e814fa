package dev.imagerestore.models.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.imagerestore.models.runtime.NativeArrays;
import dev.imagerestore.models.runtime.TorchThreads;
import dev.imagerestore.models.schedule.NoiseSchedule;
import dev.imagerestore.models.testing.Digests;
import dev.imagerestore.models.testing.GaussianDataPredictor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DDIM and DDPM-ancestral outputs pinned bit for bit: SHA-256 digests of the raw float bits, recorded
 * from the loop-owning samplers before they became schedulers stepped by {@link SamplingLoop}. The
 * input is a (2, 3, 8, 8) state drawn from the exact marginal of Gaussian data at a fractional
 * timestep; the predictor is that data's exact noise predictor, once with a narrow distribution (the
 * clamp to [-1, 1] idle) and once with a wide one (the clamp active on many pixels).
 */
class SamplerGoldenDigestTest {

    private static final NoiseSchedule SCHEDULE = NoiseSchedule.ddpmLinear();
    private static final double START = 412.6;

    private NDManager manager;

    @BeforeAll
    static void singleThreaded() {
        TorchThreads.configure(1);
    }

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private String run(Sampler sampler, double s) {
        GaussianDataPredictor predictor = new GaussianDataPredictor(SCHEDULE, 0.1, s);
        Shape shape = new Shape(2, 3, 8, 8);
        float[] start = NoiseSources.counterBased(77)
                .normal(manager, 0, shape, new long[] {0, 1}, new int[2], new int[2])
                .toFloatArray();
        double ab = SCHEDULE.alphaBar(START);
        for (int i = 0; i < start.length; i++) {
            start[i] = (float) predictor.marginal(start[i], ab);
        }
        NDArray xt = NativeArrays.create(manager, start, shape);
        return Digests.of(sampler.sample(predictor, xt, START, null, null, NoiseSources.counterBased(11))
                .toFloatArray());
    }

    @Test
    void deterministicDdimKeepsItsOutputBits() {
        assertThat(run(Samplers.ddim(SCHEDULE, 10, 0), 0.3)).isEqualTo("3ac1cde471821c3b06210aed");
        assertThat(run(Samplers.ddim(SCHEDULE, 10, 0), 0.9)).isEqualTo("72c0bed0b9b36cb0fee5c14e");
    }

    @Test
    void stochasticDdimKeepsItsOutputBits() {
        assertThat(run(Samplers.ddim(SCHEDULE, 7, 0.5), 0.3)).isEqualTo("5099c9a6f88e7e6dd5312581");
        assertThat(run(Samplers.ddim(SCHEDULE, 7, 0.5), 0.9)).isEqualTo("1f51393f60e9e8ebe796a7ca");
    }

    @Test
    void ancestralSamplingKeepsItsOutputBits() {
        assertThat(run(Samplers.ancestral(SCHEDULE, 12), 0.3)).isEqualTo("d564fd94bc06ff896fa07542");
        assertThat(run(Samplers.ancestral(SCHEDULE, 12), 0.9)).isEqualTo("13e84c959910b1b7b91471ba");
    }
}
