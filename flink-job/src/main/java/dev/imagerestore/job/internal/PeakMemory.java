package dev.imagerestore.job.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The peak resident memory of a process and its descendants, as the Linux kernel counts it:
 * {@code VmHWM} ("high water mark") of {@code /proc/PID/status}, read every interval while the
 * process runs; the peak is the largest over the processes, each one's last reading (the mark only
 * grows, so a process's peak is missed only if it rose in its last interval before exiting).
 */
public final class PeakMemory {

    private final ProcessHandle root;
    private final Map<Long, Long> highWater = new HashMap<>();
    private final ScheduledExecutorService poller;

    private PeakMemory(ProcessHandle root, Duration interval) {
        this.root = root;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "peak memory of " + root.pid());
            t.setDaemon(true);
            return t;
        });
        poller.scheduleAtFixedRate(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts watching {@code process}. */
    public static PeakMemory watch(ProcessHandle process, Duration interval) {
        return new PeakMemory(process, interval);
    }

    private synchronized void poll() {
        read(root);
        root.descendants().forEach(this::read);
    }

    private void read(ProcessHandle process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", "" + process.pid(), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kib = Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                    highWater.merge(process.pid(), kib * 1024, Math::max);
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process exited between listing and reading: its last reading stands
        }
    }

    /** Stops watching; the peak in bytes over the process and its descendants (0 if never read). */
    public synchronized long stop() throws InterruptedException {
        poller.shutdown();
        poller.awaitTermination(1, TimeUnit.SECONDS);
        return highWater.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
