/**
 * Depth maps for depth-guided translation: the {@link dev.imagerestore.models.depth.DepthMap} value,
 * the {@link dev.imagerestore.models.depth.DepthEstimator}s made by
 * {@link dev.imagerestore.models.depth.DepthEstimators} (the built-in UNet regressor of
 * {@link dev.imagerestore.models.depth.DepthNetwork}, or a TorchScript export such as MiDaS), and
 * {@link dev.imagerestore.models.depth.DepthResolver}, which picks a sidecar file, a depth folder or
 * the estimator for each image. {@link dev.imagerestore.models.depth.NyuV2} reads the NYUv2 data the
 * estimator is trained and evaluated on.
 */
package dev.imagerestore.models.depth;
