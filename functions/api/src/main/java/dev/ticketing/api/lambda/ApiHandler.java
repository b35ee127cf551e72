package dev.ticketing.api.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.ticketing.api.identity.AuthorizedRequests;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.input.RawRequest;
import dev.ticketing.input.RequestLimits;
import dev.ticketing.input.StrictJson;
import dev.ticketing.lambda.HandlerContexts;
import dev.ticketing.lambda.InvocationLogFields;
import dev.ticketing.lambda.PrimedHandler;
import dev.ticketing.lambda.Priming;
import dev.ticketing.logging.LogFields;
import dev.ticketing.problems.ProblemDetails;
import dev.ticketing.problems.TicketingException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import io.micronaut.http.annotation.Controller;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

/**
 * The API function's Lambda handler: Micronaut's HTTP API (payload 2.0) function, with the request's log fields
 * set for the whole invocation: Lambda's request id, API Gateway's request id, the caller ({@code sub}) and the
 * ids in the path ({@code eventId}, {@code holdId}, {@code paymentId}). Controllers add the ids they create;
 * all are cleared when the invocation ends.
 *
 * <p>Micronaut's HTTP API function is its base class, so it cannot be a {@link dev.ticketing.lambda.TicketingHandler}
 * like the other handlers: it takes the same pieces itself (the context from {@link HandlerContexts}, the SnapStart
 * hooks registered in its Lambda constructor, the invocation's log fields from {@link InvocationLogFields}).
 *
 * <p>Before Micronaut sees a request, its size and its body's encoding are checked ({@link RequestLimits},
 * {@link StrictJson#text(String, boolean, String)}): too large is {@code 413}/{@code 431}, a body that is not UTF-8
 * {@code 400 invalid-encoding}, nothing parsed and nothing written. An answer over 256 KiB goes gzipped to a client
 * that accepts it ({@link LargeAnswers}: Lambda answers at most 6 MB).
 *
 * <p>SnapStart: {@link #priming} builds every controller (the local stack builds them lazily) and routes read-only requests through the whole stack (JWT
 * claims, JSON in and out, DynamoDB reads of ids that do not exist, problem answers); it writes nothing.
 */
public class ApiHandler extends APIGatewayV2HTTPEventFunction implements PrimedHandler {
    /** The caller of the priming requests: a subject no sign-in gives (Cognito's are UUIDs), who owns nothing. */
    static final String PRIMING_USER = "snapstart-priming";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** For Lambda. */
    public ApiHandler() {
        super();
        Priming.register(this);
    }

    /** For a caller that builds the context, such as the local stack. */
    public ApiHandler(ApplicationContext context) {
        super(context);
    }

    /**
     * The controllers, and what they need, are built at start: the API needs nearly all of it for any request, and
     * a setting that is not valid stops the function then, not at its first request.
     */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return HandlerContexts.builder().eagerInitAnnotated(Controller.class);
    }

    @Override
    public Priming priming() {
        String noSuchEvent = "/events/" + Priming.NO_SUCH_ID;
        return Priming.of(getClass())
                .step("every controller", () -> getApplicationContext()
                        .getBeansOfType(Object.class, Qualifiers.byStereotype(Controller.class)))
                .step("event that does not exist", () -> expect(get(noSuchEvent, null), 404))
                .step("seat map of an event that does not exist", () -> expect(get(noSuchEvent + "/seats", null), 404))
                .step("caller's holds and tickets", () -> {
                    expect(get("/me/holds", PRIMING_USER), 200);
                    expect(get("/me/tickets", PRIMING_USER), 200);
                })
                .step("payment providers", () -> expect(get("/payment-providers", PRIMING_USER), 200))
                .step("event creation by a caller who is no admin", () -> expect(handleRequest(request("POST",
                        "/events", """
                                {"name":"Priming","date":"2030-01-01T20:00:00Z","rows":1,"columns":1,"currency":"EUR",
                                 "prices":[{"fromRow":1,"toRow":1,"price":"10.00"}]}""", PRIMING_USER), null), 403))
                .step("hold of a hold that does not exist", () -> expect(get("/holds/" + Priming.NO_SUCH_ID, PRIMING_USER), 404));
    }

    private APIGatewayV2HTTPResponse get(String path, String subject) {
        return handleRequest(request("GET", path, null, subject), null);
    }

    /** A request as the authorizer hands it over: with a token of {@code subject} (a few minutes long) when not null. */
    private static APIGatewayV2HTTPEvent request(String method, String path, String body, String subject) {
        APIGatewayV2HTTPEvent event = Priming.apiRequest(method, path, body, null);
        if (subject == null) {
            return event;
        }
        Instant now = Instant.now();
        return AuthorizedRequests.authorize(event, new JWTClaimsSet.Builder().subject(subject)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).build());
    }

    private static void expect(APIGatewayV2HTTPResponse response, int status) {
        Priming.expect(response.getStatusCode(), status);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try (InvocationLogFields lambda = InvocationLogFields.of(context); LogFields.Scope fields = LogFields.scope()) {
            APIGatewayV2HTTPEvent.RequestContext request = event == null ? null : event.getRequestContext();
            if (request != null) {
                fields.put(LogFields.API_REQUEST_ID, request.getRequestId());
                fields.put(LogFields.USER_ID, Optional.ofNullable(request.getAuthorizer())
                        .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getJwt)
                        .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT::getClaims)
                        .map(claims -> claims.get("sub"))
                        .orElse(null));
            }
            Map<String, String> path = event == null || event.getPathParameters() == null ? Map.of() : event.getPathParameters();
            fields.put(LogFields.EVENT_ID, path.get("eventId"))
                    .put(LogFields.HOLD_ID, path.get("holdId"))
                    .put(LogFields.PAYMENT_ID, path.get("paymentId"));
            if (event != null) {
                try {
                    inflateIfGzipped(event, refuseUnreadable(event));
                } catch (TicketingException problem) {
                    return problemResponse(problem);
                }
            }
            APIGatewayV2HTTPResponse response = super.handleRequest(event, context);
            try {
                return event == null || response == null ? response : LargeAnswers.fit(event, response);
            } catch (TicketingException problem) {
                return problemResponse(problem);
            }
        } finally {
            LogFields.clear(); // and what the controllers added
        }
    }

    /**
     * Nothing, or the problem that refuses {@code event} before it is parsed: a request line and headers over
     * {@link RequestLimits#MAX_HEAD_BYTES}, a body over {@link RequestLimits#MAX_BODY_BYTES} or not UTF-8.
     */
    static String refuseUnreadable(APIGatewayV2HTTPEvent event) {
        return raw(event).text();
    }

    private static RawRequest raw(APIGatewayV2HTTPEvent event) {
        String method = event.getRequestContext() == null || event.getRequestContext().getHttp() == null ? ""
                : event.getRequestContext().getHttp().getMethod();
        return new RawRequest(method, event.getRawPath(), event.getRawQueryString(), event.getHeaders(),
                event.getCookies(), event.getBody(), event.getIsBase64Encoded());
    }

    /**
     * A gzip-compressed plan ({@code POST /venues} with {@code Content-Encoding: gzip}) handed on to Micronaut as the
     * text it inflates to, as if it had come plain: the one route whose body may be bigger than a function is handed.
     */
    private static void inflateIfGzipped(APIGatewayV2HTTPEvent event, String text) {
        if (!raw(event).gzipped()) {
            return;
        }
        event.setBody(text);
        event.setIsBase64Encoded(false);
        java.util.Map<String, String> headers = new java.util.HashMap<>(event.getHeaders());
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("content-encoding"));
        event.setHeaders(headers);
    }

    private static APIGatewayV2HTTPResponse problemResponse(TicketingException problem) {
        try {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(problem.status())
                    .withHeaders(Map.of("Content-Type", ProblemDetails.MEDIA_TYPE))
                    .withBody(JSON.writeValueAsString(ProblemDetails.of(problem)))
                    .withIsBase64Encoded(false)
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
