/**
 * The review page's machinery: decoding inputs and outputs with the job's decoder, measuring the
 * change, writing thumbnails and 100 % crops, turning report lines into rows, escaping links.
 */
package dev.imagerestore.job.review.internal;
