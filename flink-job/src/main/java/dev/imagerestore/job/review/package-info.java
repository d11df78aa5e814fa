/**
 * The review page of a run ({@link dev.imagerestore.job.review.ReviewPage}, {@code _report/index.html}):
 * the images that most need a person first, by {@link dev.imagerestore.job.review.ReviewScore}, with a
 * before/after viewer and the failures and skips. Machinery (pictures, rows, links) in {@code internal}.
 */
package dev.imagerestore.job.review;
