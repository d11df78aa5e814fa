/**
 * How this project runs PyTorch through DJL: an explicit intra-op thread count
 * ({@link dev.imagerestore.models.runtime.TorchThreads}), a bounded OpenMP spin before idle workers
 * sleep ({@link dev.imagerestore.models.runtime.OpenMpWaitPolicy}), and NDArrays built from Java data
 * in PyTorch-owned memory ({@link dev.imagerestore.models.runtime.NativeArrays}). Each class says
 * which failure of the native engine it avoids.
 */
package dev.imagerestore.models.runtime;
