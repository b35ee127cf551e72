package dev.ticketing.lambda;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;

/**
 * The application context every handler builds: Micronaut's Lambda settings (environments {@code function} and
 * {@code lambda}, configuration read at start) but singletons built only when something needs them. Micronaut's
 * Lambda default builds every singleton it finds at start, so each function paid for every other function's beans
 * (the webhook function, which touches no table, built a DynamoDB client and the seat store's thread pool). Now a
 * handler gets what its {@code @Inject} fields reach (the API handler adds its controllers), and nothing else.
 *
 * <p>Each handler's {@code newApplicationContextBuilder()} returns this ({@link TicketingHandler}'s, the API's with its
 * controllers added: the context Lambda's no-argument constructor builds), and the local stack builds its functions'
 * contexts from it too, so both run the same way.
 */
public final class HandlerContexts {
    private HandlerContexts() {
    }

    /** The environment Micronaut's {@code LambdaApplicationContextBuilder} adds beside {@code function}. */
    static final String LAMBDA = "lambda";

    /**
     * A builder with Lambda's settings and lazily built singletons. (Not {@code LambdaApplicationContextBuilder} with
     * {@code eagerInitSingletons(false)} after it: that call only ever adds {@code @Singleton} to the eagerly built
     * annotations, so {@code false} cannot undo the {@code true} Micronaut set.)
     */
    public static ApplicationContextBuilder builder() {
        return ApplicationContext.builder()
                .environments(Environment.FUNCTION, LAMBDA)
                .eagerInitConfiguration(true);
    }
}
