/**
 * The benchmarks behind {@code eval}: denoising, inpainting and sampler sweeps on clean images with
 * seeded degradations, the metrics they report (PSNR and SSIM as published tables compute them,
 * Eigen et al.'s depth errors, detection counts), plain-text reports, and the service interfaces
 * through which the {@code benchmarks} module adds classical peers
 * ({@link dev.imagerestore.models.eval.PeerDenoiser}, {@link dev.imagerestore.models.eval.PeerInpainter}).
 */
package dev.imagerestore.models.eval;
