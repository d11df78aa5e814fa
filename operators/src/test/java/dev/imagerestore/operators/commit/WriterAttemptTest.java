package dev.imagerestore.operators.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WriterAttemptTest {

    @ParameterizedTest(
            name = "subtask {0} of {1} restored at {2}: leftover of subtask {3} for checkpoint {4} deleted = {5}")
    @CsvSource({
        "0, 1, 0, 0, 1, true", // fresh start or batch: every leftover of the index
        "0, 1, 0, 0, 9, true",
        "0, 2, 0, 1, 1, false", // another writer's
        "1, 2, 5, 1, 6, true", // written after the restored checkpoint
        "1, 2, 5, 1, 5, false", // in a restored committable (or committed)
        "1, 2, 5, 1, 2, false",
        "1, 2, 5, 3, 7, true", // a vanished index congruent to this one
        "0, 2, 5, 3, 7, false",
        "0, 2, 5, 2, 7, true",
        "2, 3, 5, 2, 7, true"
    })
    void deletesTheLeftoversOfItsIndexClassWrittenAfterTheRestoredCheckpoint(
            int subtask,
            int parallelism,
            long restored,
            int leftoverSubtask,
            long leftoverCheckpoint,
            boolean deleted) {
        WriterAttempt attempt = new WriterAttempt(subtask, parallelism, restored);

        assertThat(attempt.mustDelete(new TempFiles.Origin(leftoverSubtask, leftoverCheckpoint)))
                .isEqualTo(deleted);
        assertThat(attempt.firstCheckpointId()).isEqualTo(restored + 1);
    }

    @Test
    void theIndexMustBeBelowTheParallelism() {
        assertThatThrownBy(() -> new WriterAttempt(2, 2, 0))
                .hasMessage("subtask 2 of parallelism 2: the index must be in [0, parallelism)");
        assertThatThrownBy(() -> new WriterAttempt(0, 1, -1)).hasMessageContaining("restored checkpoint id -1");
    }
}
