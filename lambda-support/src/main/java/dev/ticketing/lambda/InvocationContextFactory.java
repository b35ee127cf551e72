package dev.ticketing.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.function.aws.DefaultLambdaContextFactory;
import io.micronaut.function.aws.LambdaContextFactory;
import jakarta.inject.Singleton;

/**
 * Replaces Micronaut's {@link DefaultLambdaContextFactory}, which registers every invocation's {@link Context} (and
 * its logger, client context, identity) as a singleton bean and never removes them: after N requests the bean
 * context holds ~2N beans and every lookup by type scans them all, so CPU per request grows without bound (measured
 * 3.75 -> 7.8 ms per hold over 8,000 holds, seat-map reads falling 206 -> 109 req/s). This one registers nothing; the
 * handlers that need the context ask {@link CurrentInvocation}.
 */
@Singleton
@Replaces(DefaultLambdaContextFactory.class)
public final class InvocationContextFactory implements LambdaContextFactory {
    private final CurrentInvocation current;

    public InvocationContextFactory(CurrentInvocation current) {
        this.current = current;
    }

    @Override
    public void registerSingletons(Context context) {
        current.set(context);
    }
}
