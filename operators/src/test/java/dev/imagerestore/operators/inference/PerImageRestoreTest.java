package dev.imagerestore.operators.inference;

import static dev.imagerestore.operators.inference.InferenceHarnesses.function;
import static dev.imagerestore.operators.inference.InferenceHarnesses.harness;
import static dev.imagerestore.operators.inference.InferenceHarnesses.perImage;
import static dev.imagerestore.operators.inference.InferenceHarnesses.settings;
import static dev.imagerestore.operators.inference.TestImages.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.imagerestore.operators.inference.TestImages.Image;
import dev.imagerestore.operators.inference.TestImages.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The per-image path of the inference stage ({@link RestoreAsyncFunction#perImage}): whole images as
 * the service's work items, one at a time on its worker, with the tile path's contracts (timeouts to
 * dead letters, failure isolation, back-pressure, sharing, closing on the worker).
 */
class PerImageRestoreTest {

    private static final InferenceDevice CPU = InferenceDevice.cpu(1);

    @Test
    void wholeImagesRunOneAtATimeOnTheServiceWorkerWhateverTheBatchSettings() throws Exception {
        TestingImageProcessor processor = new TestingImageProcessor();
        InferenceSettings settings = settings(c -> {
            c.set(InferenceOptions.MAX_BATCH, 4);
            c.set(InferenceOptions.MAX_WAIT, Duration.ofMinutes(10));
            c.set(InferenceOptions.CAPACITY, 8);
        });
        List<Image> images =
                List.of(image(1, 2, 0.1f), image(2, 3, 0.2f), image(3, 1, 0.3f), image(4, 4, 0.4f), image(5, 2, 0.5f));
        RestoreAsyncFunction<Image, Result> function = perImage(processor, settings);
        List<Result> results = run(function, images);

        assertThat(processor.processed()).containsExactlyInAnyOrderElementsOf(images);
        assertThat(processor.threads())
                .allSatisfy(thread -> assertThat(thread).startsWith("inference-worker "))
                .as("one worker thread")
                .containsOnly(processor.threads().get(0));
        assertThat(function.metrics().batchSize().getCount()).isEqualTo(images.size());
        assertThat(function.metrics().batchSize().getStatistics().getMax())
                .as("no image waits for company")
                .isEqualTo(1);
        assertThat(function.metrics().tilesProcessed()).as("items, here images").isEqualTo(images.size());
        for (Image image : images) {
            assertThat(byId(results, image.id()))
                    .isEqualTo(new Result(image.id(), true, TestImages.restoredSum(image), null));
        }
    }

    @Test
    void tileBatchingIsUnaffectedByAPerImageServiceOnTheSameDevice() throws Exception {
        TestingTileBatchProcessor tiles = new TestingTileBatchProcessor();
        TestingImageProcessor images = new TestingImageProcessor();
        InferenceSettings settings = settings(c -> {
            c.set(InferenceOptions.MAX_BATCH, 4);
            c.set(InferenceOptions.MAX_WAIT, Duration.ofMinutes(1));
            c.set(InferenceOptions.CAPACITY, 8);
        });
        RestoreAsyncFunction<Image, Result> tileFunction = function(tiles, settings);
        RestoreAsyncFunction<Image, Result> imageFunction = perImage(images, settings);
        try (OneInputStreamOperatorTestHarness<Image, Result> tileHarness = harness(tileFunction);
                OneInputStreamOperatorTestHarness<Image, Result> imageHarness = harness(imageFunction)) {
            tileHarness.open();
            imageHarness.open();
            assertThat(tileFunction.service()).isNotSameAs(imageFunction.service());
            for (long id = 1; id <= 3; id++) {
                tileHarness.processElement(image(id, 4, 0.25f), 0);
                imageHarness.processElement(image(10 + id, 4, 0.25f), 0);
            }
            tileHarness.endInput();
            imageHarness.endInput();

            assertThat(tiles.batches()).extracting(List::size).containsExactly(4, 4, 4);
            assertThat(images.processed()).extracting(Image::id).containsExactlyInAnyOrder(11L, 12L, 13L);
            assertThat(tileHarness.extractOutputValues()).extracting(Result::id).containsExactlyInAnyOrder(1L, 2L, 3L);
            assertThat(imageHarness.extractOutputValues())
                    .extracting(Result::id)
                    .containsExactlyInAnyOrder(11L, 12L, 13L);
        }
    }

    @Test
    void imagesStillRunningOrQueuedAtTheTimeoutBecomeDeadLettersOnceAndQueuedOnesNeverRun() throws Exception {
        TestingImageProcessor processor = new TestingImageProcessor().closeGate();
        InferenceSettings settings = settings(c -> c.set(InferenceOptions.TIMEOUT, Duration.ofSeconds(5)));
        RestoreAsyncFunction<Image, Result> function = perImage(processor, settings);
        try (OneInputStreamOperatorTestHarness<Image, Result> harness = harness(function)) {
            harness.open();
            harness.setProcessingTime(0);
            harness.processElement(image(1, 2, 0.5f), 0);
            harness.processElement(image(2, 2, 0.5f), 0);
            assertThat(processor.awaitStarted().id()).isEqualTo(1L);

            harness.setProcessingTime(settings.timeout().toMillis());
            harness.endInput();

            assertThat(harness.extractOutputValues()).hasSize(2).allSatisfy(result -> {
                assertThat(result.restored()).isFalse();
                assertThat(result.error()).startsWith("TimeoutException").contains("inference.timeout = PT5S");
            });
            assertThat(function.metrics().imagesFailed()).isEqualTo(2);

            processor.openGate();
            processor.awaitFinished();
            harness.processElement(image(3, 1, 0.5f), 0);
            harness.endInput();

            assertThat(processor.processed())
                    .extracting(Image::id)
                    .as("the timed-out queued image is dropped")
                    .containsExactly(1L, 3L);
            assertThat(harness.extractOutputValues())
                    .extracting(Result::id, Result::restored)
                    .containsExactlyInAnyOrder(tuple(1L, false), tuple(2L, false), tuple(3L, true));
            assertThat(harness.getEnvironment().getActualExternalFailureCause()).isEmpty();
        }
    }

    @Test
    void failingAndUnpreparableImagesBecomeDeadLettersWithoutTouchingTheOthers() throws Exception {
        TestingImageProcessor processor = new TestingImageProcessor();
        RestoreAsyncFunction<Image, Result> function = perImage(processor, settings(c -> {}));
        List<Result> results =
                run(function, List.of(image(1, 2, 0.25f), image(2, 2, -1f), image(3, -1, 0.5f), image(4, 3, 0.75f)));

        assertThat(results)
                .extracting(Result::id, Result::restored)
                .containsExactlyInAnyOrder(tuple(1L, true), tuple(2L, false), tuple(3L, false), tuple(4L, true));
        assertThat(byId(results, 2).error()).isEqualTo("IllegalArgumentException: image 2 has negative samples");
        assertThat(byId(results, 3).error()).isEqualTo("IllegalArgumentException: image 3 cannot be prepared");
        assertThat(byId(results, 4).sum()).isEqualTo(TestImages.restoredSum(image(4, 3, 0.75f)));
        assertThat(processor.processed())
                .extracting(Image::id)
                .as("an unpreparable image never reaches the device")
                .containsExactlyInAnyOrder(1L, 2L, 4L);
        assertThat(function.metrics().imagesRestored()).isEqualTo(2);
        assertThat(function.metrics().imagesFailed()).isEqualTo(2);
    }

    @Test
    void subtasksShareOneServiceWhoseWorkerClosesTheProcessorAfterTheLastRelease() throws Exception {
        TestingImageProcessor processor = new TestingImageProcessor();
        InferenceSettings settings = settings(c -> {});
        RestoreAsyncFunction<Image, Result> first = perImage(processor, settings);
        RestoreAsyncFunction<Image, Result> second = perImage(processor, settings);
        OneInputStreamOperatorTestHarness<Image, Result> one = harness(first);
        OneInputStreamOperatorTestHarness<Image, Result> two = harness(second);
        one.open();
        two.open();
        InferenceService<?, ?> service = first.service();
        assertThat(second.service()).isSameAs(service);
        assertThat(processor.devices()).containsExactly(CPU);

        one.processElement(image(1, 1, 0.5f), 0);
        two.processElement(image(2, 1, 0.5f), 0);
        one.endInput();
        two.endInput();
        one.close();
        assertThat(service.isClosed()).isFalse();
        assertThat(processor.closingThreads()).isEmpty();
        two.close();

        assertThat(service.isClosed()).isTrue();
        assertThat(processor.closingThreads())
                .as("closed once, by the thread that ran the images")
                .containsExactly(processor.threads().get(0));
        assertThat(processor.threads())
                .hasSize(2)
                .containsOnly(processor.threads().get(0));
    }

    @Test
    void fullQueueRejectsImagesAfterTheSubmittersLimitAndCountsThemAsImages() throws Exception {
        TestingImageProcessor processor = new TestingImageProcessor().closeGate();
        BatchSettings settings = new BatchSettings(2, Duration.ZERO, 3, Duration.ZERO);
        InferenceService<Image, Double> service = InferenceService.acquire(processor.factory(), CPU, settings);
        try {
            List<CompletableFuture<Double>> accepted = new ArrayList<>();
            accepted.add(service.submit(image(0, 1, 0.5f), InferenceObserver.NONE, Duration.ZERO));
            processor.awaitStarted();
            RejectedExecutionException rejected = null;
            for (long id = 1; rejected == null; id++) {
                try {
                    accepted.add(service.submit(image(id, 1, 0.5f), InferenceObserver.NONE, Duration.ofMillis(20)));
                } catch (RejectedExecutionException e) {
                    rejected = e;
                }
            }
            assertThat(service.queuedTiles()).isEqualTo(settings.queueCapacity());
            assertThat(accepted).hasSize(1 + settings.queueCapacity());
            assertThat(rejected).hasMessageContaining("stayed full (3 images, inference.queue-capacity)");

            processor.openGate();
            for (CompletableFuture<Double> image : accepted) {
                assertThat(image.get(30, TimeUnit.SECONDS)).isEqualTo(TestImages.restoredSum(image(0, 1, 0.5f)));
            }
        } finally {
            service.release();
        }
    }

    @Test
    void aModelKeyServesOneKindOfWorkOnly() throws Exception {
        TestingTileBatchProcessor tiles = new TestingTileBatchProcessor();
        TestingImageProcessor images = new TestingImageProcessor();
        BatchSettings settings = new BatchSettings(2, Duration.ZERO, 4, Duration.ZERO);
        InferenceService<TileWork, float[]> tileService = InferenceService.acquire(tiles.factory(), CPU, settings);
        try {
            assertThatThrownBy(() -> InferenceService.acquire(
                            images.factory(tiles.factory().modelKey()), CPU, settings))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("names a service of tiles but was asked for one of images")
                    .hasMessageContaining("distinct model keys");
            assertThat(images.devices())
                    .as("nothing loaded for the refused request")
                    .isEmpty();
            assertThat(tileService.references()).isEqualTo(1);
        } finally {
            tileService.release();
        }
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

    private static Result byId(List<Result> results, long id) {
        return results.stream().filter(r -> r.id() == id).findFirst().orElseThrow();
    }
}
