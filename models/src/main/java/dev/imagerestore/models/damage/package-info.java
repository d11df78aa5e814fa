/**
 * Synthetic damage of old photographic prints, rendered on clean images together with its exact mask:
 * the training pairs of a per-pixel damage detector and of a mask-conditioned inpainter, and the
 * material of a damage benchmark.
 *
 * <p>{@link dev.imagerestore.models.damage.DamageGenerator} draws the {@link
 * dev.imagerestore.models.damage.DamageKind}s seen on real prints (cracked emulsion networks, creases,
 * scratches, tears, missing corners, dust, lint and hairs, foxing stains) with the tones they show
 * (paper white, dark base, background) and returns a {@link dev.imagerestore.models.damage.Damaged}:
 * the image, the damage mask (content lost), the stain mask (tone changed, content kept) and pixel
 * counts per kind. Renders are seeded per image id and stay in [0, 1]; scan effects (grain, blur,
 * compression) are left to a later step. The machinery is in {@code internal}.
 */
package dev.imagerestore.models.damage;
