package dev.ticketing.bench;

import java.util.Arrays;

/** Recorded durations of one kind of call, and their percentiles. */
final class Latencies {
    private long[] nanos = new long[1024];
    private int count;

    synchronized void record(long durationNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = durationNanos;
    }

    synchronized int count() {
        return count;
    }

    synchronized double meanMillis() {
        return count == 0 ? Double.NaN : Arrays.stream(nanos, 0, count).average().orElse(0) / 1e6;
    }

    synchronized double percentileMillis(double percentile) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int index = (int) Math.min(count - 1, Math.ceil(percentile / 100.0 * count) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** The percentiles as {@link ResultLine} keys and values: {@code <prefix>n, <prefix>p50_ms, p90, p99, max}. */
    Object[] resultValues(String prefix) {
        return new Object[] {prefix + "n", count(), prefix + "p50_ms", percentileMillis(50), prefix + "p90_ms",
                percentileMillis(90), prefix + "p99_ms", percentileMillis(99), prefix + "max_ms", percentileMillis(100)};
    }

    String summary() {
        return String.format("n=%d p50=%.1f ms p90=%.1f ms p99=%.1f ms max=%.1f ms", count(), percentileMillis(50),
                percentileMillis(90), percentileMillis(99), percentileMillis(100));
    }
}
