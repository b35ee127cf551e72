package dev.ticketing.api.problems;

import dev.ticketing.problems.TicketingException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one place that turns problems into RFC 9457 {@code application/problem+json} answers. */
public final class Problems {
    public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");
    private static final String TYPE_BASE = "https://ticketing.dev/problems/";

    private Problems() {
    }

    public static MutableHttpResponse<Map<String, Object>> of(TicketingException problem) {
        Map<String, Object> body = body(problem.status(), problem.type(), problem.title(), problem.detail());
        body.putAll(problem.extensions());
        return respond(problem.status(), body);
    }

    public static Map<String, Object> body(int status, String type, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return body;
    }

    public static MutableHttpResponse<Map<String, Object>> respond(int status, Map<String, Object> body) {
        return HttpResponse.<Map<String, Object>>status(HttpStatus.valueOf(status)).body(body).contentType(PROBLEM_JSON);
    }
}
