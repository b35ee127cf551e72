package dev.ticketing.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The Lambda {@link Context} of the invocation running on this thread: how a handler learns how much time it has
 * left. Set by {@link InvocationContextFactory} at the start of every invocation (Micronaut calls it on the thread
 * that then runs the handler), replaced by the next one, so it holds at most one context per thread, never a
 * history. In Lambda one container runs one invocation at a time; the local system runs several threads at once,
 * each with its own.
 */
@Singleton
public final class CurrentInvocation {
    private final ThreadLocal<Context> current = new ThreadLocal<>();

    void set(Context context) {
        current.set(context);
    }

    /** The current invocation's context; empty when the handler was called without one (as tests may). */
    public Optional<Context> context() {
        return Optional.ofNullable(current.get());
    }

    /**
     * Milliseconds this invocation may still work: its remaining time less {@code reserveMillis} (never below 0),
     * or {@code withoutContextMillis} when there is no Lambda context.
     */
    public long budgetMillis(long reserveMillis, long withoutContextMillis) {
        return context().map(lambda -> Math.max(0, lambda.getRemainingTimeInMillis() - reserveMillis))
                .orElse(withoutContextMillis);
    }
}
