package dev.imagerestore.models.restore;

import dev.imagerestore.models.sampler.SamplerKind;

/**
 * The validated settings a {@link Denoiser} and its {@link TileBatchDenoiser}s share. Immutable.
 *
 * @param tileSize largest tile side in pixels
 * @param overlap pixels shared by neighbouring tiles
 * @param batchSize tiles per forward pass
 * @param refineSteps sampler steps from the input's noise level; 0 for the one-step estimate
 * @param sampler the sampler refinement runs
 * @param eta DDIM's stochasticity (0 = deterministic)
 * @param seed the seed of the refinement noise
 * @param selfEnsemble how many tile symmetries each tile is restored through and averaged over (1, 2, 4 or 8)
 */
record DenoiseSettings(
        int tileSize,
        int overlap,
        int batchSize,
        int refineSteps,
        SamplerKind sampler,
        double eta,
        long seed,
        int selfEnsemble) {}
