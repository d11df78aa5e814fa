/**
 * Inpainting of masked damage with an unconditional diffusion prior, RePaint-style:
 * {@link dev.imagerestore.models.inpaint.Inpainter} for whole images, split by
 * {@link dev.imagerestore.models.inpaint.InpaintTiling} into the tiles that touch the
 * {@link dev.imagerestore.models.inpaint.Mask} and filled by
 * {@link dev.imagerestore.models.inpaint.TileBatchInpainter}. Also the hand-made
 * {@link dev.imagerestore.models.inpaint.DamageDetector} behind {@code --mask auto} and the seeded
 * {@link dev.imagerestore.models.inpaint.SyntheticDamage} that evaluation paints.
 */
package dev.imagerestore.models.inpaint;
