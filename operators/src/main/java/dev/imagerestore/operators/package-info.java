/**
 * The records that travel through the restoration job (an input {@link dev.imagerestore.operators.ImageFile},
 * a {@link dev.imagerestore.operators.DecodedImage}, a {@link dev.imagerestore.operators.RestoredImage},
 * a {@link dev.imagerestore.operators.DeadLetter} and the run's {@link dev.imagerestore.operators.ReportLine}s),
 * the output formats, their Flink type information ({@link dev.imagerestore.operators.ImageTypes}), and
 * the JSON shape of report lines ({@link dev.imagerestore.operators.ReportJson}).
 * The operators that make and consume them are in the sub-packages.
 */
package dev.imagerestore.operators;
