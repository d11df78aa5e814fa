/**
 * Writing restored files exactly once: {@link dev.imagerestore.operators.sink.ExistingOutputFilter}
 * keeps images whose output exists away from restoration, {@link dev.imagerestore.operators.sink.OutputPreflight}
 * turns what would make a write fail into a dead letter for that file alone, and
 * {@link dev.imagerestore.operators.sink.RestoredFileSink} writes each output to a hidden temporary file
 * and renames it into place at commit.
 */
package dev.imagerestore.operators.sink;
