package dev.ticketing.lambda;

import org.crac.Context;
import org.crac.Resource;

/**
 * A handler with SnapStart hooks: Lambda runs {@link #beforeCheckpoint} after the handler's constructor, takes the
 * snapshot, and runs {@link #afterRestore} in every copy it restores. The handler registers itself with
 * {@link Priming#register} in its Lambda constructor ({@link TicketingHandler}'s does it) and says what to prime in
 * {@link #priming()}.
 */
public interface PrimedHandler extends Resource {
    /** The steps that warm the handler's hot paths without side effects (see {@link Priming}). */
    Priming priming();

    @Override
    default void beforeCheckpoint(Context<? extends Resource> context) {
        priming().run();
    }

    /**
     * Nothing to refresh: the handlers make no ids, seeds or secrets of their own before the snapshot (ids are
     * {@code UUID.randomUUID()} per request; the AWS SDK re-opens connections and refreshes credentials itself).
     */
    @Override
    default void afterRestore(Context<? extends Resource> context) {
    }
}
