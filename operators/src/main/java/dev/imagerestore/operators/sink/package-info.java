/**
 * Writing restored files exactly once: {@link dev.imagerestore.operators.sink.ExistingOutputFilter}
 * keeps images whose output exists away from restoration, {@link dev.imagerestore.operators.sink.OutputPreflight}
 * turns what would make a write fail into a dead letter for that file alone, and
 * {@link dev.imagerestore.operators.sink.WriteRestoredFiles} writes each output to a hidden temporary file
 * before its report line and renames it into place: at once in a bounded run, at the checkpoint
 * (through {@link dev.imagerestore.operators.commit.CommitStagedFiles}) in a continuous one.
 */
package dev.imagerestore.operators.sink;
