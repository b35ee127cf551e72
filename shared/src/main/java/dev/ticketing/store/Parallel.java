package dev.ticketing.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Independent pieces of work that each wait on DynamoDB, made at once on a few threads of their own (the calls wait
 * on the network, not the CPU, so even a function with a fraction of a core gains): a door list's shards, an upload's
 * scans. Each piece must be correct whatever the others do (conditional writes, reads).
 */
public final class Parallel {
    private Parallel() {
    }

    /**
     * {@code work} of each of {@code items}, at most {@code threads} at a time; the results in the items' order. The
     * first exception a piece threw is thrown as it was (after every piece ended).
     */
    public static <T, R> List<R> map(List<T> items, int threads, Function<T, R> work) {
        if (items.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, items.size()));
        try {
            List<CompletableFuture<R>> running = items.stream()
                    .map(item -> CompletableFuture.supplyAsync(() -> work.apply(item), pool)).toList();
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).exceptionally(failed -> null).join();
            return running.stream().map(CompletableFuture::join).toList();
        } catch (CompletionException failed) {
            // the piece's own exception (a DynamoDB error, a problem), as the same call on this thread would throw it
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        } finally {
            pool.shutdown();
        }
    }

    /**
     * {@code work} of each of {@code 0 .. count - 1}, {@code window} at a time in parallel, each result handed to
     * {@code each} in order before the next window is worked on: memory holds one window's results whatever the count
     * (a hall's blocks, read for a report or a cancellation). Exceptions as {@link #map}.
     */
    public static <R> void inWindows(int count, int window, java.util.function.IntFunction<R> work,
                                     java.util.function.Consumer<R> each) {
        for (int first = 0; first < count; first += window) {
            List<Integer> indexes = java.util.stream.IntStream.range(first, Math.min(count, first + window)).boxed()
                    .toList();
            map(indexes, window, work::apply).forEach(each);
        }
    }
}
