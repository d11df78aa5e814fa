/**
 * A learned per-pixel detector of print damage: {@link dev.imagerestore.models.detect.DamageNetwork}
 * says how the project's UNet serves as the detector (the RGB image in, one damage logit per pixel
 * out), and {@link dev.imagerestore.models.detect.LearnedDamageDetector} runs a trained model
 * directory over a whole image in overlapping tiles, returning
 * {@link dev.imagerestore.models.detect.DamageProbabilities} and the mask at a threshold. The
 * detector is trained by {@code dev.imagerestore.models.train.DetectorTrainer} on damage rendered by
 * {@link dev.imagerestore.models.damage.DamageGenerator} under realistic scan effects.
 */
package dev.imagerestore.models.detect;
