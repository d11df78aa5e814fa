package dev.imagerestore.operators.inference;

import static dev.imagerestore.operators.inference.InferenceHarnesses.function;
import static dev.imagerestore.operators.inference.InferenceHarnesses.harness;
import static dev.imagerestore.operators.inference.InferenceHarnesses.settings;
import static dev.imagerestore.operators.inference.TestImages.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagerestore.operators.inference.TestImages.Image;
import dev.imagerestore.operators.inference.TestImages.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class InferenceServiceTest {

    private static final Duration NO_WAIT = Duration.ZERO;
    private static final InferenceDevice CPU = InferenceDevice.cpu(1);

    @Test
    void subtasksShareOneReferenceCountedServiceThatUnloadsWithTheLastOne() throws Exception {
        TestingTileBatchProcessor processor = new TestingTileBatchProcessor();
        InferenceSettings settings = settings(c -> {
            c.set(InferenceOptions.MAX_BATCH, 4);
            c.set(InferenceOptions.MAX_WAIT, Duration.ofMinutes(1));
        });
        RestoreAsyncFunction<Image, Result> first = function(processor, settings);
        RestoreAsyncFunction<Image, Result> second = function(processor, settings);
        OneInputStreamOperatorTestHarness<Image, Result> one = harness(first);
        OneInputStreamOperatorTestHarness<Image, Result> two = harness(second);
        try {
            one.open();
            two.open();
            InferenceService<?, ?> service = first.service();
            assertThat(second.service()).isSameAs(service);
            assertThat(service.references()).isEqualTo(2);
            assertThat(processor.creations()).isEqualTo(1);

            one.processElement(image(1, 2, 0.5f), 0);
            two.processElement(image(2, 2, 0.5f), 0);
            assertThat(processor.awaitFinished())
                    .extracting(TileWork::imageId)
                    .containsExactlyInAnyOrder(1L, 1L, 2L, 2L);
            one.endInput();
            two.endInput();
            assertThat(one.extractOutputValues()).extracting(Result::id).containsExactly(1L);
            assertThat(two.extractOutputValues()).extracting(Result::id).containsExactly(2L);
            assertThat(first.metrics().tilesProcessed()).isEqualTo(2);
            assertThat(second.metrics().tilesProcessed()).isEqualTo(2);

            one.close();
            assertThat(service.references()).isEqualTo(1);
            assertThat(service.isClosed()).isFalse();
            assertThat(processor.closes()).isZero();

            two.close();
            assertThat(service.isClosed()).isTrue();
            assertThat(processor.closes()).isEqualTo(1);
        } finally {
            closeQuietly(one);
            closeQuietly(two);
        }
    }

    @Test
    void releasedServiceLingersSoThatARestartedTaskFindsItAgain() throws Exception {
        TestingTileBatchProcessor processor = new TestingTileBatchProcessor();
        BatchSettings lingering = new BatchSettings(2, Duration.ofMillis(1), 8, Duration.ofMinutes(10));
        InferenceService<TileWork, float[]> service = InferenceService.acquire(processor.factory(), CPU, lingering);
        service.release();
        assertThat(service.isClosed()).isFalse();
        assertThat(service.references()).isZero();

        InferenceService<TileWork, float[]> again = InferenceService.acquire(processor.factory(), CPU, lingering);
        assertThat(again).isSameAs(service);
        assertThat(again.references()).isEqualTo(1);
        assertThat(processor.creations()).isEqualTo(1);
        again.release();

        assertThat(InferenceService.closeIdle()).isPositive();
        assertThat(service.isClosed()).isTrue();
        assertThat(processor.closes()).isEqualTo(1);
        InferenceService<TileWork, float[]> fresh = InferenceService.acquire(processor.factory(), CPU, lingering);
        assertThat(fresh).isNotSameAs(service);
        assertThat(processor.creations()).isEqualTo(2);
        fresh.release();
        InferenceService.closeIdle();
    }

    @Test
    void servicesAreKeyedByDeviceAndSettings() throws Exception {
        TestingTileBatchProcessor processor = new TestingTileBatchProcessor();
        BatchSettings settings = new BatchSettings(2, Duration.ofMillis(1), 8, Duration.ZERO);
        InferenceService<TileWork, float[]> cpu = InferenceService.acquire(processor.factory(), CPU, settings);
        InferenceService<TileWork, float[]> gpu =
                InferenceService.acquire(processor.factory(), InferenceDevice.gpu(0), settings);
        InferenceService<TileWork, float[]> biggerBatches = InferenceService.acquire(
                processor.factory(), CPU, new BatchSettings(4, Duration.ofMillis(1), 8, Duration.ZERO));
        assertThat(List.of(cpu, gpu, biggerBatches)).doesNotHaveDuplicates();
        assertThat(processor.devices()).containsExactly(CPU, InferenceDevice.gpu(0), CPU);
        cpu.release();
        gpu.release();
        biggerBatches.release();
        assertThat(processor.closes()).isEqualTo(3);
    }

    @Test
    void fullQueueRejectsTilesAfterTheSubmittersLimitAndNeverGrowsPastItsCapacity() throws Exception {
        TestingTileBatchProcessor processor = new TestingTileBatchProcessor().closeGate();
        BatchSettings settings = new BatchSettings(2, Duration.ZERO, 3, Duration.ZERO);
        InferenceService<TileWork, float[]> service = InferenceService.acquire(processor.factory(), CPU, settings);
        try {
            List<CompletableFuture<float[]>> accepted = new ArrayList<>();
            accepted.add(service.submit(tile(0.25f), InferenceObserver.NONE, NO_WAIT));
            int running = processor.awaitStarted().size();
            RejectedExecutionException rejected = null;
            while (rejected == null) {
                try {
                    accepted.add(service.submit(tile(0.25f), InferenceObserver.NONE, Duration.ofMillis(20)));
                } catch (RejectedExecutionException e) {
                    rejected = e;
                }
            }
            assertThat(service.queuedTiles()).isEqualTo(settings.queueCapacity());
            assertThat(accepted).hasSize(running + settings.queueCapacity());
            assertThat(rejected).hasMessageContaining("stayed full (3 tiles, inference.queue-capacity)");

            processor.openGate();
            for (CompletableFuture<float[]> tile : accepted) {
                assertThat(tile.get(30, TimeUnit.SECONDS)).containsExactly(0.75f, 0.75f, 0.75f, 0.75f);
            }
            assertThat(processor.batches())
                    .allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(2));
        } finally {
            service.release();
        }
    }

    @Test
    void loneTileWaitsAtMostMaxWaitForItsBatchToFill() throws Exception {
        TestingTileBatchProcessor processor = new TestingTileBatchProcessor();
        Duration maxWait = Duration.ofMillis(50);
        InferenceService<TileWork, float[]> service =
                InferenceService.acquire(processor.factory(), CPU, new BatchSettings(8, maxWait, 8, Duration.ZERO));
        try {
            long start = System.nanoTime();
            service.submit(tile(0.5f), InferenceObserver.NONE, NO_WAIT).get(30, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(maxWait);
            assertThat(processor.batches())
                    .singleElement()
                    .satisfies(batch -> assertThat(batch).hasSize(1));
        } finally {
            service.release();
        }
    }

    @Test
    void unloadingFailsQueuedTilesAndClosesTheProcessorOnce() throws Exception {
        TestingTileBatchProcessor processor = new TestingTileBatchProcessor().closeGate();
        InferenceService<TileWork, float[]> service = InferenceService.acquire(
                processor.factory(), CPU, new BatchSettings(1, Duration.ZERO, 4, Duration.ZERO));
        CompletableFuture<float[]> running = service.submit(tile(0.5f), InferenceObserver.NONE, NO_WAIT);
        processor.awaitStarted();
        CompletableFuture<float[]> queued = service.submit(tile(0.5f), InferenceObserver.NONE, NO_WAIT);

        service.release();

        assertThat(service.isClosed()).isTrue();
        assertThat(processor.closes()).isEqualTo(1);
        assertThatThrownBy(() -> running.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThatThrownBy(() -> queued.get(30, TimeUnit.SECONDS))
                .isInstanceOf(CancellationException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> service.submit(tile(0.5f), InferenceObserver.NONE, NO_WAIT))
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("is closed");
        assertThatThrownBy(service::release)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("released more often than acquired");
    }

    private static TileWork tile(float value) {
        return new TileWork(new float[] {value, value, value, value}, 2, 10, 1, 0, 0);
    }

    private static void closeQuietly(OneInputStreamOperatorTestHarness<?, ?> harness) {
        try {
            harness.close();
        } catch (Exception ignored) {
            // already closed by the test
        }
    }
}
