/**
 * The tasks' processor factories: what each task runs on the device worker (the denoising and
 * restoring networks over tiles, the inpainter and the depth-guided translator over whole images),
 * opened once per worker from the task's settings.
 */
package dev.imagerestore.job.task.internal;
