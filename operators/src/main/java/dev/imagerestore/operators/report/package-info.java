/**
 * The run report: {@link dev.imagerestore.operators.report.ReportSink} writes one JSON line per input
 * entry under {@code <output>/_report/}, committed exactly once by atomic rename at a checkpoint or at
 * the end of input.
 */
package dev.imagerestore.operators.report;
