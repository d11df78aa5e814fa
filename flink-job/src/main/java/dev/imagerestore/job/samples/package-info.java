/**
 * The project's generated sample inputs ({@code samples} command): procedurally drawn scenes and a
 * ledger page with Gaussian grain of known levels, written in the formats and bit depths the job
 * handles, so that the README's first command needs no third-party image.
 */
package dev.imagerestore.job.samples;
