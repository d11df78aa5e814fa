package dev.imagerestore.operators.inference;

import static dev.imagerestore.operators.inference.InferenceHarnesses.function;
import static dev.imagerestore.operators.inference.InferenceHarnesses.harness;
import static dev.imagerestore.operators.inference.InferenceHarnesses.settings;
import static dev.imagerestore.operators.inference.TestImages.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.tuple;

import dev.imagerestore.operators.inference.TestImages.Image;
import dev.imagerestore.operators.inference.TestImages.Result;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RestoreAsyncFunctionTest {

    @Test
    void tilesOfSeveralImagesShareBatchesOfAtMostMaxBatch() throws Exception {
        TestingTileBatchProcessor processor = new TestingTileBatchProcessor();
        InferenceSettings settings = settings(c -> {
            c.set(InferenceOptions.MAX_BATCH, 4);
            c.set(InferenceOptions.MAX_WAIT, Duration.ofMinutes(1));
            c.set(InferenceOptions.CAPACITY, 8);
        });
        List<Image> images =
                List.of(image(1, 2, 0.1f), image(2, 2, 0.2f), image(3, 3, 0.3f), image(4, 3, 0.4f), image(5, 2, 0.5f));
        List<Result> results = run(function(processor, settings), images);

        List<List<TileWork>> batches = processor.batches();
        assertThat(batches).extracting(List::size).containsExactly(4, 4, 4);
        assertThat(imageIds(batches.get(0))).containsExactlyInAnyOrder(1L, 2L);
        assertThat(imageIds(batches.get(1))).containsExactlyInAnyOrder(3L, 4L);
        assertThat(results).hasSize(images.size()).allMatch(Result::restored);
        for (Image image : images) {
            Result result = results.stream()
                    .filter(r -> r.id() == image.id())
                    .findFirst()
                    .orElseThrow();
            assertThat(result.sum()).isCloseTo(TestImages.restoredSum(image), offset(1e-5));
        }
    }

    /**
     * With every earlier image restored but its result not yet taken from the mailbox, the next image
     * is admitted at once only while the operator has room: at capacity, admitting it first drains
     * finished images to the output.
     */
    @ParameterizedTest(name = "capacity {0}")
    @CsvSource({"2, true", "3, false"})
    void asyncCapacityBoundsImagesInFlight(int capacity, boolean thirdImageWaitsForOutput) throws Exception {
        TestingTileBatchProcessor processor = new TestingTileBatchProcessor();
        InferenceSettings settings = settings(c -> {
            c.set(InferenceOptions.CAPACITY, capacity);
            c.set(InferenceOptions.MAX_BATCH, 1);
        });
        try (OneInputStreamOperatorTestHarness<Image, Result> harness = harness(function(processor, settings))) {
            harness.open();
            harness.processElement(image(1, 1, 0.5f), 0);
            harness.processElement(image(2, 1, 0.5f), 0);
            processor.awaitFinished();
            processor.awaitFinished();
            assertThat(harness.extractOutputValues()).isEmpty();

            harness.processElement(image(3, 1, 0.5f), 0);

            assertThat(!harness.extractOutputValues().isEmpty()).isEqualTo(thirdImageWaitsForOutput);
            harness.endInput();
            assertThat(harness.extractOutputValues()).extracting(Result::id).containsExactlyInAnyOrder(1L, 2L, 3L);
        }
    }

    @Test
    void imageStillRunningAtTheTimeoutBecomesADeadLetterOnce() throws Exception {
        TestingTileBatchProcessor processor = new TestingTileBatchProcessor().closeGate();
        InferenceSettings settings = settings(c -> {
            c.set(InferenceOptions.TIMEOUT, Duration.ofSeconds(5));
            c.set(InferenceOptions.MAX_BATCH, 1);
        });
        RestoreAsyncFunction<Image, Result> function = function(processor, settings);
        try (OneInputStreamOperatorTestHarness<Image, Result> harness = harness(function)) {
            harness.open();
            harness.setProcessingTime(0);
            harness.processElement(image(1, 3, 0.5f), 0);
            processor.awaitStarted();

            harness.setProcessingTime(settings.timeout().toMillis());
            harness.endInput();

            assertThat(harness.extractOutputValues()).singleElement().satisfies(result -> {
                assertThat(result.restored()).isFalse();
                assertThat(result.error()).startsWith("TimeoutException").contains("inference.timeout = PT5S");
            });
            assertThat(function.metrics().imagesFailed()).isEqualTo(1);

            processor.openGate();
            processor.awaitFinished();
            harness.processElement(image(2, 1, 0.5f), 0);
            harness.endInput();

            assertThat(processor.batches())
                    .extracting(batch -> batch.get(0).imageId())
                    .as("the timed-out image's queued tiles are dropped")
                    .containsExactly(1L, 2L);
            assertThat(harness.extractOutputValues())
                    .extracting(Result::id, Result::restored)
                    .containsExactly(tuple(1L, false), tuple(2L, true));
            assertThat(harness.getEnvironment().getActualExternalFailureCause()).isEmpty();
        }
    }

    @Test
    void failingTilesAndUnsplittableImagesBecomeDeadLettersWithoutFailingTheJob() throws Exception {
        TestingTileBatchProcessor processor = new TestingTileBatchProcessor().poisonWhen(tile -> tile.samples()[0] < 0);
        InferenceSettings settings = settings(c -> {
            c.set(InferenceOptions.MAX_BATCH, 4);
            c.set(InferenceOptions.MAX_WAIT, Duration.ofMinutes(1));
        });
        RestoreAsyncFunction<Image, Result> function = function(processor, settings);
        List<Result> results = run(
                function,
                List.of(image(1, 2, 0.25f), image(2, 2, -1f), image(3, -1, 0.5f), image(4, 2, 0.75f), image(5, 2, 0f)));

        assertThat(processor.batches().get(0))
                .as("the failing batch mixed good and bad images")
                .hasSize(4);
        assertThat(results)
                .extracting(Result::id, Result::restored)
                .containsExactlyInAnyOrder(
                        tuple(1L, true), tuple(2L, false), tuple(3L, false), tuple(4L, true), tuple(5L, true));
        assertThat(byId(results, 2).error()).isEqualTo("IllegalArgumentException: poisoned tile in a batch of 1");
        assertThat(byId(results, 3).error()).isEqualTo("IllegalArgumentException: image 3 cannot be split");
        assertThat(byId(results, 1).sum()).isEqualTo(TestImages.restoredSum(image(1, 2, 0.25f)));
        assertThat(function.metrics().imagesRestored()).isEqualTo(3);
        assertThat(function.metrics().imagesFailed()).isEqualTo(2);
        assertThat(function.metrics().batchSize().getCount())
                .isEqualTo(processor.batches().size());
    }

    @Test
    void imageWithoutTilesIsAssembledAtOnce() throws Exception {
        TestingTileBatchProcessor processor = new TestingTileBatchProcessor();
        List<Result> results = run(function(processor, settings(c -> {})), List.of(image(7, 0, 0.5f)));
        assertThat(results).containsExactly(new Result(7, true, 0.0, null));
        assertThat(processor.batches()).isEmpty();
    }

    /** Runs {@code images} through a fresh harness and returns what it emitted. */
    private static List<Result> run(RestoreAsyncFunction<Image, Result> function, List<Image> images) throws Exception {
        try (OneInputStreamOperatorTestHarness<Image, Result> harness = harness(function)) {
            harness.open();
            for (Image image : images) {
                harness.processElement(image, 0);
            }
            harness.endInput();
            assertThat(harness.getEnvironment().getActualExternalFailureCause()).isEmpty();
            return harness.extractOutputValues();
        }
    }

    private static Set<Long> imageIds(List<TileWork> batch) {
        return batch.stream().map(TileWork::imageId).collect(Collectors.toSet());
    }

    private static Result byId(List<Result> results, long id) {
        return results.stream().filter(r -> r.id() == id).findFirst().orElseThrow();
    }
}
