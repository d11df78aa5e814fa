/**
 * The variance schedules of the diffusion models ({@link dev.imagerestore.models.schedule.NoiseSchedule}:
 * DDPM's linear and Improved DDPM's cosine schedule) and the map between a pixel noise level and a
 * timestep that denoising and training use.
 */
package dev.imagerestore.models.schedule;
