package dev.ticketing.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.ticketing.input.RequestLimits;
import dev.ticketing.input.StrictJson;
import dev.ticketing.local.auth.LocalJwt;
import dev.ticketing.local.lambda.LocalFunctions;
import dev.ticketing.local.template.SamTemplate;
import dev.ticketing.problems.ProblemDetails;
import dev.ticketing.problems.TicketingException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.http.spi.JettyHttpServer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local API Gateway: routes requests to the template's functions as HTTP API payload 2.0 events, checks
 * bearer tokens as the JWT authorizer would, and serves what exists only locally ({@code /health},
 * {@code POST /dev/token}, the JWKS). Other local services (mock PayPal, the web page) mount their own paths.
 */
public final class HttpFront implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_.@+-]{1,128}");

    /** A request's head from its first byte, and its body from the head's end (the timeouts of a typical proxy). */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(15);
    /** A connection with nothing sent or received for this long is closed, an idle keep-alive one included. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** Connections open at once; a request beyond is answered 503. */
    public static final int MAX_CONNECTIONS = 1_000;
    /** Threads that run handlers (functions); reading and writing hold none while they wait for the client. */
    private static final int REQUEST_THREADS = 64;

    private final Server jetty;
    private final HttpServer server;
    private final SlowClients slowClients;
    private final RouteTable routes;
    private final LocalFunctions functions;
    private final LocalJwt jwt;
    private volatile boolean ready;
    private volatile HttpHandler home;

    private HttpFront(Server jetty, HttpServer server, SlowClients slowClients, RouteTable routes, LocalFunctions functions,
                      LocalJwt jwt) {
        this.jetty = jetty;
        this.server = server;
        this.slowClients = slowClients;
        this.routes = routes;
        this.functions = functions;
        this.jwt = jwt;
    }

    /**
     * The front on 127.0.0.1:{@code port} (0: any free port): Jetty, serving the JDK's {@code HttpServer} API that the
     * handlers are written to. Before any handler: heads over {@link RequestLimits#MAX_HEAD_BYTES} are {@code 431},
     * bodies over their route's {@link RequestLimits#maxBodyBytes} {@code 413} (from {@code Content-Length}, or as a
     * body without one comes in: {@link RouteBodies}), and a body is read whole, without a thread,
     * before its handler runs ({@link SlowClients} has the deadlines and the connection limit). Every answer is dated
     * by {@code clock}, the functions' ({@link ClockDate}).
     */
    public static HttpFront start(int port, List<SamTemplate.Route> routes, LocalFunctions functions, LocalJwt jwt,
                                  Clock clock)
            throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(REQUEST_THREADS + 8, 8);
        threads.setName("http-front");
        threads.setDaemon(true);
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(RequestLimits.MAX_HEAD_BYTES);
        http.setSendServerVersion(false);
        // API Gateway hands encoded slashes and dot segments of a path to the route as they are: so does the front
        http.setUriCompliance(UriCompliance.UNSAFE);
        ServerConnector connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        connector.setAcceptQueueSize(256);
        SlowClients slowClients = new SlowClients(READ_TIMEOUT, MAX_CONNECTIONS);
        connector.addBean(slowClients);
        jetty.addConnector(connector);
        // dynamic: the mocks and the web page mount their paths after the front has started
        ContextHandlerCollection contexts = new ContextHandlerCollection(true);
        // the body is read whole before the handler runs; one over the limit without Content-Length is 413 as it comes
        slowClients.setHandler(new ClockDate(clock, new EagerContentHandler(slowClients.bodyRead(contexts), new RouteBodies())));
        jetty.setHandler(slowClients);
        jetty.setErrorHandler(new ProblemResponses());
        HttpServer server = new JettyHttpServer(jetty, true);
        HttpFront front = new HttpFront(jetty, server, slowClients, new RouteTable(routes), functions, jwt);
        server.createContext("/", front::handle).getFilters().addAll(List.of(new JdkExchanges(), new AccessLog()));
        try {
            jetty.start();
        } catch (Exception e) {
            slowClients.close();
            throw e instanceof IOException io ? io : new IOException("the HTTP front did not start", e);
        }
        return front;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort());
    }

    /** Serves {@code path} and everything under it with {@code handler}, ahead of the API routes. */
    public void mount(String path, HttpHandler handler) {
        // Jetty matches whole path segments: "/web/" and "/web" are the same context, which "/webhooks" is not
        server.createContext(path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path, handler)
                .getFilters().add(new JdkExchanges());
    }

    /** Serves exactly {@code /} and {@code /index.html} (the web page) with {@code handler}; other paths stay the API's. */
    public void home(HttpHandler handler) {
        home = handler;
    }

    /** {@code /health} answers 200 from now on. */
    public void markReady() {
        ready = true;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase();
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals("/health")) {
                sendJson(exchange, ready ? 200 : 503, Map.of("status", ready ? "UP" : "STARTING"));
            } else if (path.equals("/dev/token") && method.equals("POST")) {
                issueToken(exchange);
            } else if (path.equals("/.well-known/jwks.json")) {
                send(exchange, 200, "application/json", jwt.jwks().getBytes(StandardCharsets.UTF_8));
            } else if (home != null && (path.equals("/") || path.equals("/index.html"))) {
                home.handle(exchange);
            } else {
                route(exchange, method, path);
            }
        } catch (RuntimeException e) {
            LOG.error("local front failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e);
            AccessLog.note(AccessLog.INTEGRATION_ERROR, e.getClass().getSimpleName());
            sendProblem(exchange, 502, "Bad Gateway", "The function failed to answer");
        }
    }

    private void route(HttpExchange exchange, String method, String path) throws IOException {
        Optional<RouteTable.Match> match = routes.match(method, path);
        if (match.isEmpty()) {
            AccessLog.note(AccessLog.ERROR, "No route");
            if (routes.pathExists(path)) {
                sendProblem(exchange, 405, "Method Not Allowed", method + " is not allowed on " + path);
            } else {
                sendProblem(exchange, 404, "Not Found", "No route for " + method + " " + path);
            }
            return;
        }
        AccessLog.note(AccessLog.ROUTE_KEY, match.get().routeKey());
        Map<String, String> claims = null;
        if (match.get().route().authorized()) {
            Optional<Map<String, String>> verified = jwt.verify(exchange.getRequestHeaders().getFirst("Authorization"));
            if (verified.isEmpty()) {
                AccessLog.note(AccessLog.ERROR, "Unauthorized");
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                sendProblem(exchange, 401, "Unauthorized", "A valid bearer token is required");
                return;
            }
            claims = verified.get();
            AccessLog.note(AccessLog.USER_ID, claims.get("sub"));
        }
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.toEvent(exchange, match.get(), claims);
        long invoked = System.nanoTime();
        APIGatewayV2HTTPResponse response = functions.invoke(match.get().route().functionId(), event);
        AccessLog.note(AccessLog.INTEGRATION_MILLIS, Long.toString((System.nanoTime() - invoked) / 1_000_000));
        write(exchange, response);
    }

    /**
     * A header the front sets itself whatever the function says: API Gateway answers with its own Date, as the front
     * does ({@link ClockDate}); the function's would make a second one, which a page reads joined with the first.
     */
    private static boolean datesItself(String header) {
        return header.equalsIgnoreCase("Date");
    }

    private void write(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> {
                if (!datesItself(name)) {
                    exchange.getResponseHeaders().set(name, value);
                }
            });
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> {
                if (!datesItself(name)) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
        }
        if (response.getCookies() != null) {
            response.getCookies().forEach(cookie -> exchange.getResponseHeaders().add("Set-Cookie", cookie));
        }
        String body = response.getBody();
        byte[] bytes = body == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        int status = response.getStatusCode();
        boolean noBody = status == 204 || status == 304 || bytes.length == 0;
        drainRequest(exchange);
        exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
        if (!noBody) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private void issueToken(HttpExchange exchange) throws IOException {
        JsonNode request;
        try {
            // read as every body is: UTF-8 only, within the limit
            request = JSON.readTree(StrictJson.text(exchange.getRequestBody().readAllBytes(),
                    exchange.getRequestHeaders().getFirst("Content-Type")));
        } catch (TicketingException problem) {
            send(exchange, problem.status(), ProblemDetails.MEDIA_TYPE, JSON.writeValueAsBytes(ProblemDetails.of(problem)));
            return;
        } catch (IOException e) {
            sendProblem(exchange, 400, "Bad Request", "The body is not valid JSON");
            return;
        }
        JsonNode userId = request == null ? null : request.get("userId");
        if (userId == null || !userId.isTextual() || !USER_ID.matcher(userId.asText()).matches()) {
            sendProblem(exchange, 400, "Bad Request", "userId is required: 1-128 letters, digits or _.@+-");
            return;
        }
        JsonNode admin = request.get("admin");
        if (admin != null && !admin.isBoolean()) {
            sendProblem(exchange, 400, "Bad Request", "admin must be true or false");
            return;
        }
        JsonNode groups = request.get("groups");
        List<String> groupNames = new ArrayList<>();
        if (groups != null) {
            if (!groups.isArray() || groups.size() > 20) {
                sendProblem(exchange, 400, "Bad Request", "groups must be an array of at most 20 group names");
                return;
            }
            for (JsonNode group : groups) {
                // any text, spaces included: a name such as "team admin" can be tried by hand, as another IdP may send it
                if (!group.isTextual() || group.asText().isEmpty() || group.asText().length() > 128) {
                    sendProblem(exchange, 400, "Bad Request", "each group must be a text of 1-128 characters");
                    return;
                }
                groupNames.add(group.asText());
            }
        }
        if (admin != null && admin.asBoolean() && !groupNames.contains(LocalJwt.ADMIN_GROUP)) {
            groupNames.add(LocalJwt.ADMIN_GROUP);
        }
        JsonNode organizerId = request.get("organizerId");
        if (organizerId != null && (!organizerId.isTextual() || !USER_ID.matcher(organizerId.asText()).matches())) {
            sendProblem(exchange, 400, "Bad Request", "organizerId must be 1-128 letters, digits or _.@+-");
            return;
        }
        JWTClaimsSet.Builder claims = jwt.claims(userId.asText()).claim("groups", groupNames);
        if (organizerId != null) {
            claims.claim(LocalJwt.ORGANIZER_CLAIM, organizerId.asText());
        }
        String token = jwt.sign(claims.build());
        sendJson(exchange, 200, Map.of("token", token));
    }

    static void sendProblem(HttpExchange exchange, int status, String title, String detail) throws IOException {
        send(exchange, status, ProblemDetails.MEDIA_TYPE, JSON.writeValueAsBytes(ProblemDetails.titled(status, title, detail)));
    }

    static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        drainRequest(exchange);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    /**
     * Reads what is left of the request body before answering: the JDK's server closes the connection on a request
     * answered with more than 64 KiB of its body unread, and the client then loses the answer (an early 401 or 404 to
     * a large POST), where API Gateway would deliver it.
     */
    private static void drainRequest(HttpExchange exchange) {
        try {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
        } catch (IOException closed) {
            // whoever read the body closed it (a JSON parser does): nothing is left to read
        }
    }

    @Override
    public void close() {
        slowClients.close();
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("the HTTP front did not stop cleanly", e);
        }
    }

    /**
     * Reads a request's body whole before its handler runs, up to its route's limit and one byte more
     * ({@link RequestLimits#maxBodyBytes}: a plan's 5 MiB on {@code POST /venues}, 64 KiB elsewhere), so the front holds
     * no more of a request than its route takes; one byte more is {@code 413} as it comes.
     */
    static final class RouteBodies implements EagerContentHandler.ContentLoaderFactory {
        private final EagerContentHandler.ContentLoaderFactory body =
                new EagerContentHandler.RetainedContentLoaderFactory(RequestLimits.MAX_BODY_BYTES + 1, 0, true);
        private final EagerContentHandler.ContentLoaderFactory plan =
                new EagerContentHandler.RetainedContentLoaderFactory(RequestLimits.MAX_PLAN_BODY_BYTES + 1, 0, true);

        @Override
        public String getApplicableMimeType() {
            return body.getApplicableMimeType();
        }

        @Override
        public EagerContentHandler.ContentLoader newContentLoader(String contentType, String mimeType,
                                                                  org.eclipse.jetty.server.Handler handler,
                                                                  org.eclipse.jetty.server.Request request,
                                                                  org.eclipse.jetty.server.Response response,
                                                                  org.eclipse.jetty.util.Callback callback) {
            boolean isPlan = RequestLimits.maxBodyBytes(request.getMethod(), request.getHttpURI().getPath())
                    > RequestLimits.MAX_BODY_BYTES;
            return (isPlan ? plan : body).newContentLoader(contentType, mimeType, handler, request, response, callback);
        }
    }
}
