/**
 * The project's noise-predicting UNet, composed from DJL blocks by
 * {@link dev.imagerestore.models.unet.UNet} from an immutable
 * {@link dev.imagerestore.models.unet.UNetConfig}. The same architecture also serves as the depth
 * regressor, the damage detector and the blind restorer; its blocks are in {@code internal}.
 */
package dev.imagerestore.models.unet;
