/**
 * Reverse diffusion as pure steps and one loop: each {@link dev.imagerestore.models.sampler.Scheduler}
 * (DDIM, DDPM, Euler-Maruyama, Heun, predictor-corrector, DPM-Solver++, made by
 * {@link dev.imagerestore.models.sampler.Schedulers} from their config records) only steps, and
 * {@link dev.imagerestore.models.sampler.SamplingLoop} calls the network, draws noise from a
 * position-keyed {@link dev.imagerestore.models.sampler.NoiseSource} and applies any
 * {@link dev.imagerestore.models.sampler.StepHook}. {@link dev.imagerestore.models.sampler.DdimInversion}
 * runs DDIM backwards.
 */
package dev.imagerestore.models.sampler;
