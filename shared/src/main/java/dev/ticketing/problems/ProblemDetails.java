package dev.ticketing.problems;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one builder of RFC 9457 problem details bodies ({@code application/problem+json}), without framework types, so
 * the API function, the webhook function and the local front answer alike: {@code type} (a URI under
 * {@link #TYPE_BASE} ending in a stable slug), {@code title}, {@code status}, {@code detail}, then any extension
 * members (such as {@code unavailableSeats}). A body for a 5xx never says what went wrong inside.
 */
public final class ProblemDetails {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://ticketing.dev/problems/";
    /** The start of every 5xx detail. */
    public static final String INTERNAL_ERROR_DETAIL = "Something went wrong on our side.";

    private ProblemDetails() {
    }

    /** The body for a domain problem, with its extension members. */
    public static Map<String, Object> of(TicketingException problem) {
        Map<String, Object> body = of(problem.status(), problem.type(), problem.title(), problem.detail());
        // RFC 9457's members keep their meaning: an extension never replaces them (a status is the HTTP status)
        problem.extensions().forEach(body::putIfAbsent);
        return body;
    }

    /** A body from its parts; {@code type} is the slug ({@code seats-unavailable}), not the whole URI. */
    public static Map<String, Object> of(int status, String type, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return body;
    }

    /** A body whose type is the slug of its title ({@code "Method Not Allowed"} -> {@code method-not-allowed}). */
    public static Map<String, Object> titled(int status, String title, String detail) {
        return of(status, slug(title), title, detail);
    }

    /** The 500 body: nothing about the failure itself, which is logged instead; {@code advice} says what to do. */
    public static Map<String, Object> internalError(String advice) {
        return of(500, "internal-error", "Internal Server Error", INTERNAL_ERROR_DETAIL + " " + advice);
    }

    public static String slug(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
