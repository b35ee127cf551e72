package dev.ticketing.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming: the steps a handler runs in its CRaC {@code beforeCheckpoint}, so that the snapshot Lambda takes
 * after it already holds the loaded classes, the JIT's first work and the clients' warmed-up state, and the first
 * request after a restore does not pay for them. Each step exercises a hot path WITHOUT side effects: JSON in and
 * out, routing, building DynamoDB requests and reading keys that cannot exist, problem answers; never a write, a
 * queue send or a payment provider call (and only AWS actions the function's role grants anyway).
 *
 * <p>A step that fails is logged and skipped: priming only makes the first request faster, and a snapshot without
 * it is still correct, while failing the checkpoint would fail the deployment.
 */
public final class Priming {
    /**
     * An id no record has: ids this system makes are random (version 4) UUIDs, and this one would be the
     * all-zero draw of 122 random bits. Reading it reaches DynamoDB and finds nothing.
     */
    public static final String NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);

    private final String handler;
    private final Map<String, Runnable> steps = new LinkedHashMap<>();

    private Priming(String handler) {
        this.handler = handler;
    }

    /** Priming steps for the handler named (for the log line). */
    public static Priming of(Class<?> handler) {
        return new Priming(handler.getSimpleName());
    }

    /**
     * Registers the handler's hooks with the JVM's CRaC context, where Lambda's SnapStart calls them around its
     * snapshot. Elsewhere (no CRaC runtime) this registers nothing, and the hooks run only when called.
     */
    public static void register(Resource handler) {
        Core.getGlobalContext().register(handler);
    }

    /**
     * A {@code mayGoOn} for bounded passes that says yes once, then no: a sweep or reconciliation run with it reads its
     * first shard of due work and stops before handling any of it (it checks before each item).
     */
    public static BooleanSupplier firstLookOnly() {
        AtomicBoolean asked = new AtomicBoolean();
        return () -> asked.compareAndSet(false, true);
    }

    /**
     * An HTTP API (payload 2.0) request as API Gateway hands it over, with the JWT authorizer's {@code sub} claim when
     * {@code subject} is not null.
     */
    public static APIGatewayV2HTTPEvent apiRequest(String method, String path, String body, String subject) {
        APIGatewayV2HTTPEvent.RequestContext context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRequestId("snapstart-priming")
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                .withAuthorizer(subject == null ? null : APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                .withClaims(Map.of("sub", subject)).build())
                        .build())
                .build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(method + " " + path)
                .withRawPath(path)
                .withRawQueryString("")
                .withHeaders(Map.of("content-type", "application/json", "accept", "application/json"))
                .withRequestContext(context)
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }

    /** Fails the step unless the answer has one of the statuses given. */
    public static void expect(int status, Integer... expected) {
        if (!List.of(expected).contains(status)) {
            throw new IllegalStateException("answered " + status + ", expected one of " + List.of(expected));
        }
    }

    /** Adds a step. */
    public Priming step(String name, Runnable step) {
        steps.put(name, step);
        return this;
    }

    /** Runs every step, logs how long they took and which failed; returns the names of those that failed. */
    public List<String> run() {
        long start = System.nanoTime();
        List<String> failed = new ArrayList<>();
        steps.forEach((name, step) -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                failed.add(name);
                LOG.warn("{} priming step '{}' failed (the snapshot is taken without it): {}", handler, name, e.toString());
            }
        });
        LOG.info("{} primed for SnapStart: {} of {} steps in {} ms{}", handler, steps.size() - failed.size(), steps.size(),
                (System.nanoTime() - start) / 1_000_000, failed.isEmpty() ? "" : ", failed: " + failed);
        return failed;
    }
}
