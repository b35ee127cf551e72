package dev.ticketing.store;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One bounded pass over the shards of a sparse "due" index (the holds' {@code expiry}, the payments' {@code reconcile}):
 * at most {@code limit} entries, oldest first within a shard, starting at a random shard so that a crowded shard
 * cannot starve the others across runs, stopping early when {@code mayGoOn} says time is short.
 */
public final class DueWork {
    /** How many entries were handed over, and whether the pass stopped at its bound with more left. */
    public record Pass(int found, boolean more) {
    }

    private DueWork() {
    }

    /**
     * @param due    up to {@code room} ids due in one shard: {@code (shard, room) -> ids}
     * @param handle what to do with each id (its own failures are its own business)
     */
    public static Pass walk(List<String> shards, int limit, BooleanSupplier mayGoOn,
                            BiFunction<String, Integer, List<String>> due, Consumer<String> handle) {
        int first = ThreadLocalRandom.current().nextInt(shards.size());
        int found = 0;
        boolean more = false;
        for (int i = 0; i < shards.size() && !more; i++) {
            if (found >= limit || !mayGoOn.getAsBoolean()) {
                more = true;
                break;
            }
            int room = limit - found;
            List<String> ids = due.apply(shards.get((first + i) % shards.size()), room);
            for (String id : ids) {
                if (!mayGoOn.getAsBoolean()) {
                    more = true;
                    break;
                }
                found++;
                handle.accept(id);
            }
            more = more || ids.size() == room;
        }
        return new Pass(found, more);
    }
}
