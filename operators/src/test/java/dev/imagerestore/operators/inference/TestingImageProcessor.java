package dev.imagerestore.operators.inference;

import dev.imagerestore.operators.inference.TestImages.Image;
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

/**
 * A controllable {@link ImageProcessor} for tests: it restores a whole {@link Image} to the sum of
 * {@code 1 - value} over its samples (what {@link TestImages#restoredSum} computes), records every
 * image, the thread it ran on and the thread that closed it, and every device it was created for;
 * it fails images with a negative value, and can hold images at a gate until the test lets them
 * through.
 *
 * <p>Its {@link #factory()} is serializable (it carries only a key, looked up in a static table), so
 * it works wherever Flink serializes the function.
 */
final class TestingImageProcessor implements ImageProcessor<Image, Double> {

    private static final Map<String, TestingImageProcessor> INSTANCES = new ConcurrentHashMap<>();
    private static final Duration EVENT_WAIT = Duration.ofSeconds(30);

    private final String key = UUID.randomUUID().toString();
    private final List<Image> processed = Collections.synchronizedList(new ArrayList<>());
    private final List<String> threads = Collections.synchronizedList(new ArrayList<>());
    private final List<String> closingThreads = Collections.synchronizedList(new ArrayList<>());
    private final List<InferenceDevice> devices = Collections.synchronizedList(new ArrayList<>());
    private final BlockingQueue<Image> started = new LinkedBlockingQueue<>();
    private final BlockingQueue<Image> finished = new LinkedBlockingQueue<>();
    private final Semaphore gate = new Semaphore(0);
    private volatile boolean gated;

    TestingImageProcessor() {
        INSTANCES.put(key, this);
    }

    /** A factory whose model key is this processor's own. */
    Factory<Image, Double> factory() {
        return new KeyedFactory(key, "testing-images:" + key);
    }

    /** A factory of this processor under {@code modelKey}. */
    Factory<Image, Double> factory(String modelKey) {
        return new KeyedFactory(key, modelKey);
    }

    /** From now on, each image waits for {@link #openGate} before it runs. */
    TestingImageProcessor closeGate() {
        gated = true;
        return this;
    }

    void openGate() {
        gated = false;
        gate.release(Integer.MAX_VALUE / 2);
    }

    Image awaitStarted() throws InterruptedException {
        return await(started, "start");
    }

    Image awaitFinished() throws InterruptedException {
        return await(finished, "finish");
    }

    private static Image await(BlockingQueue<Image> events, String what) throws InterruptedException {
        Image image = events.poll(EVENT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (image == null) {
            throw new AssertionError("no image did " + what + " within " + EVENT_WAIT);
        }
        return image;
    }

    List<Image> processed() {
        synchronized (processed) {
            return List.copyOf(processed);
        }
    }

    List<String> threads() {
        synchronized (threads) {
            return List.copyOf(threads);
        }
    }

    List<String> closingThreads() {
        synchronized (closingThreads) {
            return List.copyOf(closingThreads);
        }
    }

    List<InferenceDevice> devices() {
        return List.copyOf(devices);
    }

    @Override
    public Double process(Image image) throws Exception {
        processed.add(image);
        threads.add(Thread.currentThread().getName());
        started.add(image);
        try {
            if (gated) {
                gate.acquire();
            }
            if (image.value() < 0) {
                throw new IllegalArgumentException("image " + image.id() + " has negative samples");
            }
            return TestImages.restoredSum(image);
        } finally {
            finished.add(image);
        }
    }

    @Override
    public void close() {
        closingThreads.add(Thread.currentThread().getName());
    }

    private static final class KeyedFactory implements Factory<Image, Double> {

        private static final long serialVersionUID = 1L;
        private final String key;
        private final String modelKey;

        KeyedFactory(String key, String modelKey) {
            this.key = key;
            this.modelKey = modelKey;
        }

        @Override
        public String modelKey() {
            return modelKey;
        }

        @Override
        public ImageProcessor<Image, Double> create(InferenceDevice device) {
            TestingImageProcessor processor = INSTANCES.get(key);
            processor.devices.add(device);
            return processor;
        }
    }
}
