package dev.ticketing.lambda;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;

/**
 * The base of every function's request handler (all but the API's): the bootstrap each of them used to repeat, so that a
 * handler keeps only its injected beans, its {@link #priming()} steps and its {@link #handle}.
 * <ul>
 *   <li>construction: the no-argument constructor is Lambda's (it builds the context and registers the SnapStart hooks
 *   with {@link Priming#register}); the one taking an {@link ApplicationContext} is for a caller that builds the
 *   context, such as the local system (no hooks registered). A handler declares both, each only calling this one's:
 *   Lambda and the local system look for them on the handler's own class.</li>
 *   <li>the context: {@link HandlerContexts#builder()}, only the beans the handler's {@code @Inject} fields reach.</li>
 *   <li>the log fields: {@link #execute} puts the invocation's request id and function name
 *   ({@link InvocationLogFields}) while {@link #handle} runs, and removes them when it returns.</li>
 * </ul>
 *
 * <p>The API's handler is Micronaut's HTTP API function, of another base class; it uses the same pieces itself.
 *
 * <p>Micronaut's {@link MicronautRequestHandler} looks for its input type only in the handler's direct superclass (here
 * this class, whose type is a variable), so it takes every input as it comes instead of converting one of another type.
 * None comes: Lambda's runtime resolves the type through this class and hands over the event type, and the local
 * system invokes with typed events.
 */
public abstract class TicketingHandler<I, O> extends MicronautRequestHandler<I, O> implements PrimedHandler {
    private final CurrentInvocation invocation;

    /** For Lambda. */
    protected TicketingHandler() {
        super();
        invocation = getApplicationContext().getBean(CurrentInvocation.class);
        Priming.register(this);
    }

    /** For a caller that builds the context, such as the local system. */
    protected TicketingHandler(ApplicationContext context) {
        super(context);
        invocation = getApplicationContext().getBean(CurrentInvocation.class);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return HandlerContexts.builder();
    }

    /** Runs {@link #handle} with the invocation's log fields. */
    @Override
    public final O execute(I input) {
        try (InvocationLogFields fields = InvocationLogFields.of(invocation.context().orElse(null))) {
            return handle(input, invocation);
        }
    }

    /**
     * What the function does with one invocation's input.
     *
     * @param invocation the invocation's Lambda context (its time left), empty when called without one
     */
    protected abstract O handle(I input, CurrentInvocation invocation);
}
