/**
 * Depth-guided image-to-image translation ({@code --task depth2img}):
 * {@link dev.imagerestore.models.translate.DepthGuidedTranslator} runs SDEdit or DDIM-inversion
 * ({@link dev.imagerestore.models.translate.Encoding}) with a depth- and label-conditioned UNet and
 * classifier-free guidance over tiles blended into one noise field, towards a label such as one of the
 * synthetic {@link dev.imagerestore.models.translate.Look}s.
 */
package dev.imagerestore.models.translate;
