/**
 * Exactly-once file committing, shared by the restored files and the report: a
 * {@link dev.imagerestore.operators.commit.TwoPhaseFileSink} has writers
 * ({@link dev.imagerestore.operators.commit.TwoPhaseFileWriter}) that write hidden temporary files next
 * to their targets and hand them over as {@link dev.imagerestore.operators.commit.FileCommittable}s, and
 * one {@link dev.imagerestore.operators.commit.FileCommitter} that renames them into place once the
 * checkpoint covering them completes. {@link dev.imagerestore.operators.commit.TempFiles} names each
 * temporary file with its writer's subtask and checkpoint, so that a restored writer
 * ({@link dev.imagerestore.operators.commit.WriterAttempt}) deletes the leftovers of a lost attempt
 * ({@link dev.imagerestore.operators.commit.OrphanedTempFiles}).
 * {@link dev.imagerestore.operators.commit.CommitStagedFiles} commits files an upstream operator
 * already wrote, so that the operator can report a write error in the file's own line.
 */
package dev.imagerestore.operators.commit;
