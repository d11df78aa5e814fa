/**
 * The mask side of the inpainting task: {@link dev.imagerestore.operators.inpaint.AttachMasks} joins each
 * decoded image with its mask from a sidecar, a mask folder or the damage detector
 * ({@link dev.imagerestore.operators.inpaint.MaskSource}), giving a
 * {@link dev.imagerestore.operators.inpaint.MaskedImage}.
 */
package dev.imagerestore.operators.inpaint;
