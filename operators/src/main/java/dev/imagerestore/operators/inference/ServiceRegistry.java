package dev.imagerestore.operators.inference;

import dev.imagerestore.operators.inference.internal.DeviceWorker;
import dev.imagerestore.operators.inference.internal.WorkUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference-counted {@link InferenceService}s of this JVM and class loader, by model, device and
 * batch settings. This is the one piece of process-wide state of the stage: sharing a model between
 * the slots of a TaskManager is its purpose. Services with no references are unloaded after their
 * linger time by a daemon thread, which stops when no service is left.
 *
 * <p>Threading: every method synchronises on the registry; models load inside the lock (so one
 * model is never loaded twice), workers stop outside it.
 */
final class ServiceRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRegistry.class);
    private static final ServiceRegistry JVM = new ServiceRegistry();

    /** What makes two services interchangeable. */
    record Key(String modelKey, InferenceDevice device, BatchSettings settings) {}

    /** Loads a model and starts the worker that runs it, named {@code name} in threads and messages. */
    @FunctionalInterface
    interface WorkerFactory<W, R> {
        DeviceWorker<W, R> start(String name) throws Exception;
    }

    private final Map<Key, InferenceService<?, ?>> services = new HashMap<>();
    private final Map<Key, ScheduledFuture<?>> pendingCloses = new HashMap<>();
    private ScheduledExecutorService reaper;

    static ServiceRegistry jvm() {
        return JVM;
    }

    /**
     * The service of {@code modelKey} on {@code device} with {@code settings}, its worker started by
     * {@code workers} when there is none; its items are {@code unit}s.
     */
    @SuppressWarnings("unchecked") // equal model keys name interchangeable processors, so equal W and R
    synchronized <W, R> InferenceService<W, R> acquire(
            String modelKey, WorkUnit unit, InferenceDevice device, BatchSettings settings, WorkerFactory<W, R> workers)
            throws Exception {
        Key key = new Key(modelKey, device, settings);
        InferenceService<?, ?> service = services.get(key);
        if (service == null) {
            LOG.info("Loading model {} on {} for this TaskManager", key.modelKey(), device);
            service = new InferenceService<>(key, workers.start(key.modelKey() + "@" + device), this);
            services.put(key, service);
        } else if (service.unit() != unit) {
            throw new IllegalStateException("model key '" + modelKey + "' names a service of "
                    + service.unit().plural()
                    + " but was asked for one of " + unit.plural() + "; give the tile and the image processor "
                    + "factories distinct model keys");
        }
        ScheduledFuture<?> pending = pendingCloses.remove(key);
        if (pending != null) {
            pending.cancel(false);
        }
        service.retain();
        return (InferenceService<W, R>) service;
    }

    void release(InferenceService<?, ?> service) {
        synchronized (this) {
            if (service.drop() > 0) {
                return;
            }
            long lingerMillis = service.key().settings().linger().toMillis();
            if (lingerMillis > 0) {
                pendingCloses.put(
                        service.key(),
                        reaper().schedule(() -> closeIfIdle(service), lingerMillis, TimeUnit.MILLISECONDS));
                return;
            }
            remove(service);
        }
        stop(List.of(service));
    }

    /** Unloads the services nobody holds; returns how many. */
    int closeIdle() {
        List<InferenceService<?, ?>> idle = new ArrayList<>();
        synchronized (this) {
            for (InferenceService<?, ?> service : List.copyOf(services.values())) {
                if (service.references() == 0) {
                    remove(service);
                    idle.add(service);
                }
            }
        }
        stop(idle);
        return idle.size();
    }

    private void closeIfIdle(InferenceService<?, ?> service) {
        synchronized (this) {
            if (service.references() > 0 || services.get(service.key()) != service) {
                return;
            }
            remove(service);
        }
        stop(List.of(service));
    }

    /** Called with the lock held. */
    private void remove(InferenceService<?, ?> service) {
        services.remove(service.key());
        ScheduledFuture<?> pending = pendingCloses.remove(service.key());
        if (pending != null) {
            pending.cancel(false);
        }
        service.markClosed();
        if (services.isEmpty() && reaper != null) {
            reaper.shutdown();
            reaper = null;
        }
    }

    private static void stop(List<InferenceService<?, ?>> stopping) {
        boolean interrupted = false;
        for (InferenceService<?, ?> service : stopping) {
            LOG.info("Unloading {}", service);
            try {
                service.stop();
            } catch (InterruptedException e) {
                interrupted = true;
                LOG.warn("Interrupted while waiting for {} to unload; its worker finishes on its own", service);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private ScheduledExecutorService reaper() {
        if (reaper == null) {
            reaper = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "inference-service-reaper");
                thread.setDaemon(true);
                return thread;
            });
        }
        return reaper;
    }
}
