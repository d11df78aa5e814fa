package dev.imagerestore.models.restore;

/**
 * The reverse process that refinement runs from the noise level of the input: DDIM (Song et al.,
 * ICLR 2021), deterministic at eta = 0, or DDPM's ancestral sampler (Ho et al., NeurIPS 2020).
 */
public enum SamplerKind {
    DDIM,
    ANCESTRAL
}
