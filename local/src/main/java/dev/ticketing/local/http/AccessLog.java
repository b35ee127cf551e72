package dev.ticketing.local.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per request to the front, with the fields of the API's access log in AWS (template.yaml,
 * {@code HttpApi.AccessLogSettings.Format}; a test keeps the two alike), to the logger {@value #LOGGER}. The request
 * id is the one the function gets as {@code requestContext.requestId} and the client as {@code Apigw-Requestid}.
 * The path is logged without its query string; no header (so no token) is ever logged.
 */
final class AccessLog extends Filter {
    static final String LOGGER = "ticketing.access";
    /** The names of the fields, in the order of the template's format. */
    static final List<String> FIELDS = List.of("requestId", "ip", "requestTime", "httpMethod", "routeKey", "path", "status",
            "protocol", "responseLength", "responseLatency", "integrationLatency", "userId", "userAgent", "error",
            "integrationError");

    static final String ROUTE_KEY = "routeKey";
    static final String USER_ID = "userId";
    static final String INTEGRATION_MILLIS = "integrationLatency";
    static final String ERROR = "error";
    static final String INTEGRATION_ERROR = "integrationError";
    private static final String REQUEST_ID = "requestId";

    /**
     * What the front learns while it serves the request (route, caller, time in the function, error), noted by the
     * thread that serves it: the JDK server runs a request's filters and handler on one thread. (Not exchange
     * attributes: the JDK keeps those per context, shared by concurrent requests.)
     */
    private static final ThreadLocal<Map<String, String>> NOTED = new ThreadLocal<>();

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** API Gateway's $context.requestTime: CLF-formatted. */
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        long started = System.nanoTime();
        Instant at = Instant.now();
        String requestId = UUID.randomUUID().toString();
        Map<String, String> noted = new HashMap<>();
        noted.put(REQUEST_ID, requestId);
        NOTED.set(noted);
        exchange.getResponseHeaders().set("Apigw-Requestid", requestId);
        CountingStream counted = new CountingStream(exchange.getResponseBody());
        exchange.setStreams(null, counted);
        try {
            chain.doFilter(exchange);
        } finally {
            NOTED.remove();
            if (LOG.isInfoEnabled()) {
                LOG.info(line(exchange, noted, at, counted.count, (System.nanoTime() - started) / 1_000_000));
            }
        }
    }

    /** Notes a field of the request being served on this thread (nothing when none is, or the value is null). */
    static void note(String field, String value) {
        Map<String, String> noted = NOTED.get();
        if (noted != null && value != null) {
            noted.put(field, value);
        }
    }

    /** The id of the request being served on this thread. */
    static Optional<String> currentRequestId() {
        return Optional.ofNullable(NOTED.get()).map(noted -> noted.get(REQUEST_ID));
    }

    @Override
    public String description() {
        return "access log";
    }

    static String line(HttpExchange exchange, Map<String, String> noted, Instant at, long responseLength, long latencyMillis) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("requestId", noted.get(REQUEST_ID));
        fields.put("ip", exchange.getRemoteAddress().getAddress().getHostAddress());
        fields.put("requestTime", REQUEST_TIME.format(at));
        fields.put("httpMethod", exchange.getRequestMethod());
        fields.put("routeKey", noted.getOrDefault(ROUTE_KEY, "-"));
        fields.put("path", exchange.getRequestURI().getRawPath());
        // API Gateway writes - for a variable without a value
        fields.put("status", Integer.toString(exchange.getResponseCode()));
        fields.put("protocol", exchange.getProtocol());
        fields.put("responseLength", Long.toString(responseLength));
        fields.put("responseLatency", Long.toString(latencyMillis));
        fields.put("integrationLatency", noted.getOrDefault(INTEGRATION_MILLIS, "-"));
        fields.put("userId", noted.getOrDefault(USER_ID, "-"));
        fields.put("userAgent", exchange.getRequestHeaders().getFirst("User-Agent") == null ? "-"
                : exchange.getRequestHeaders().getFirst("User-Agent"));
        fields.put("error", noted.getOrDefault(ERROR, "-"));
        fields.put("integrationError", noted.getOrDefault(INTEGRATION_ERROR, "-"));
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class CountingStream extends FilterOutputStream {
        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
