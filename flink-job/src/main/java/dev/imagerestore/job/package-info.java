/**
 * The job jar's command line ({@link dev.imagerestore.job.ImageRestorationCli}: {@code restore},
 * {@code train}, {@code eval}, {@code bench}, {@code samples}) and the restoration job itself:
 * {@link dev.imagerestore.job.RestoreCommand} checks options and folders and runs the job graph of
 * {@link dev.imagerestore.job.RestoreJob}, built from a validated {@link dev.imagerestore.job.RestoreJobSpec}.
 * {@link dev.imagerestore.job.Folders} holds the rule that keeps originals safe.
 */
package dev.imagerestore.job;
