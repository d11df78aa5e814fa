package dev.imagerestore.operators.inference;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A controllable {@link TileBatchProcessor} for tests: it restores a tile to {@code 1 - x} sample by
 * sample, records every batch and every device it was created for, fails batches holding a tile the
 * poison predicate accepts, and can hold batches at a gate until the test lets them through.
 *
 * <p>Its {@link #factory()} is serializable (it carries only a key, looked up in a static table), so
 * it works wherever Flink serializes the function.
 */
final class TestingTileBatchProcessor implements TileBatchProcessor {

    private static final Map<String, TestingTileBatchProcessor> INSTANCES = new ConcurrentHashMap<>();
    private static final Duration EVENT_WAIT = Duration.ofSeconds(30);

    private final String key = UUID.randomUUID().toString();
    private final List<List<TileWork>> batches = Collections.synchronizedList(new ArrayList<>());
    private final BlockingQueue<List<TileWork>> started = new LinkedBlockingQueue<>();
    private final BlockingQueue<List<TileWork>> finished = new LinkedBlockingQueue<>();
    private final List<InferenceDevice> devices = Collections.synchronizedList(new ArrayList<>());
    private final Semaphore gate = new Semaphore(0);
    private final AtomicInteger closes = new AtomicInteger();
    private volatile boolean gated;
    private volatile Predicate<TileWork> poison = tile -> false;

    TestingTileBatchProcessor() {
        INSTANCES.put(key, this);
    }

    /** Restores a tile as this processor does. */
    static float[] restore(float[] samples) {
        float[] out = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = 1f - samples[i];
        }
        return out;
    }

    Factory factory() {
        return new KeyedFactory(key);
    }

    /** From now on, each batch waits for a {@link #release} before it runs. */
    TestingTileBatchProcessor closeGate() {
        gated = true;
        return this;
    }

    void release(int batchCount) {
        gate.release(batchCount);
    }

    /** Lets every batch through, now and later. */
    void openGate() {
        gated = false;
        gate.release(Integer.MAX_VALUE / 2);
    }

    TestingTileBatchProcessor poisonWhen(Predicate<TileWork> predicate) {
        poison = predicate;
        return this;
    }

    /** The next batch that entered {@link #process}, waiting for it. */
    List<TileWork> awaitStarted() throws InterruptedException {
        return await(started, "start");
    }

    /** The next batch that left {@link #process} (well or not), waiting for it. */
    List<TileWork> awaitFinished() throws InterruptedException {
        return await(finished, "finish");
    }

    private static List<TileWork> await(BlockingQueue<List<TileWork>> events, String what) throws InterruptedException {
        List<TileWork> batch = events.poll(EVENT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (batch == null) {
            throw new AssertionError("no batch did " + what + " within " + EVENT_WAIT);
        }
        return batch;
    }

    List<List<TileWork>> batches() {
        synchronized (batches) {
            return List.copyOf(batches);
        }
    }

    List<InferenceDevice> devices() {
        return List.copyOf(devices);
    }

    int creations() {
        return devices.size();
    }

    int closes() {
        return closes.get();
    }

    @Override
    public List<float[]> process(List<TileWork> batch) throws Exception {
        List<TileWork> copy = List.copyOf(batch);
        batches.add(copy);
        started.add(copy);
        try {
            if (gated) {
                gate.acquire();
            }
            if (batch.stream().anyMatch(poison)) {
                throw new IllegalArgumentException("poisoned tile in a batch of " + batch.size());
            }
            return batch.stream().map(tile -> restore(tile.samples())).toList();
        } finally {
            finished.add(copy);
        }
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }

    private static final class KeyedFactory implements Factory {

        private static final long serialVersionUID = 1L;
        private final String key;

        KeyedFactory(String key) {
            this.key = key;
        }

        @Override
        public String modelKey() {
            return "testing:" + key;
        }

        @Override
        public TileBatchProcessor create(InferenceDevice device) {
            TestingTileBatchProcessor processor = INSTANCES.get(key);
            processor.devices.add(device);
            return processor;
        }
    }
}
