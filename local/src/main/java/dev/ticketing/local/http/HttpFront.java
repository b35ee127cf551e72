package dev.ticketing.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.ticketing.local.auth.LocalJwt;
import dev.ticketing.local.lambda.LocalFunctions;
import dev.ticketing.local.template.SamTemplate;
import dev.ticketing.problems.ProblemDetails;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
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

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK:
        // ~40 ms added to every small answer.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final RouteTable routes;
    private final LocalFunctions functions;
    private final LocalJwt jwt;
    private volatile boolean ready;
    private volatile HttpHandler home;

    private HttpFront(HttpServer server, ExecutorService executor, RouteTable routes, LocalFunctions functions, LocalJwt jwt) {
        this.server = server;
        this.executor = executor;
        this.routes = routes;
        this.functions = functions;
        this.jwt = jwt;
    }

    public static HttpFront start(int port, List<SamTemplate.Route> routes, LocalFunctions functions, LocalJwt jwt)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        ExecutorService executor = Executors.newFixedThreadPool(64, runnable -> {
            Thread thread = new Thread(runnable, "http-front");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        HttpFront front = new HttpFront(server, executor, new RouteTable(routes), functions, jwt);
        server.createContext("/", front::handle).getFilters().add(new AccessLog());
        server.start();
        return front;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Serves {@code path} and everything under it with {@code handler}, ahead of the API routes. */
    public void mount(String path, HttpHandler handler) {
        server.createContext(path, handler);
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

    private void write(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
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
            request = JSON.readTree(exchange.getRequestBody());
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
        server.stop(0);
        executor.shutdownNow();
    }
}
