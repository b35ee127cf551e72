package dev.ticketing.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The growth of the used heap while something runs: a GC first, then the used heap sampled every 5 ms until
 * {@link #stop}; growth = peak minus the level after the GC. It counts garbage not collected yet, and the whole local
 * stack when it runs in this JVM: compare runs, not absolutes (or cap the heap with {@code -Xmx}).
 */
final class HeapPeak {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final long before;
    private final AtomicLong peak;
    private final AtomicBoolean sampling = new AtomicBoolean(true);
    private final Thread sampler;

    private HeapPeak() {
        System.gc();
        before = MEMORY.getHeapMemoryUsage().getUsed();
        peak = new AtomicLong(before);
        sampler = new Thread(() -> {
            while (sampling.get()) {
                peak.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    static HeapPeak start() {
        return new HeapPeak();
    }

    /** Stops sampling. */
    void stop() throws InterruptedException {
        sampling.set(false);
        sampler.join();
    }

    long beforeMegabytes() {
        return before >> 20;
    }

    long growthMegabytes() {
        return (peak.get() - before) >> 20;
    }
}
