package dev.ticketing.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Races: runs calls on real threads of their own, all let go at the same moment (a barrier), and answers what each one
 * returned or threw, in the order given. Waits at most a minute for all of them.
 */
public final class AtOnce {
    /** What one call did: its value, or what it threw. */
    public record Outcome<T>(T value, Throwable thrown) {
        public boolean succeeded() {
            return thrown == null;
        }
    }

    private AtOnce() {
    }

    /** {@code call} on {@code threads} threads at once. */
    public static <T> List<Outcome<T>> times(int threads, Callable<T> call) {
        return all(Collections.nCopies(threads, call));
    }

    public static <T> List<Outcome<T>> all(List<Callable<T>> calls) {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CyclicBarrier start = new CyclicBarrier(calls.size());
            List<Future<Outcome<T>>> running = new ArrayList<>();
            for (Callable<T> call : calls) {
                running.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        return new Outcome<>(call.call(), null);
                    } catch (Exception | AssertionError thrown) {
                        return new Outcome<T>(null, thrown);
                    }
                }));
            }
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (Future<Outcome<T>> each : running) {
                outcomes.add(each.get(60, TimeUnit.SECONDS));
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("a racing call did not finish", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
