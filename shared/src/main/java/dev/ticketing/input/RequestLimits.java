package dev.ticketing.input;

import dev.ticketing.problems.RequestTooLargeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The most the API reads of one request, the same in AWS (checked by the functions) and locally (checked by the local
 * front before it calls a function): a body of {@link #MAX_BODY_BYTES}, a request line and headers of
 * {@link #MAX_HEAD_BYTES}; a venue's plan alone may be larger ({@link #maxBodyBytes}). A box office's largest body
 * (a plan aside) is a door device's upload of 500 offline scans (about 140 KB: a scan is a 168-character code, its ids
 * and time); the next, an event with a price per row of a 500-row hall, is
 * about 25 KB. API Gateway's own limits (a 10 MB payload) are far above and apply first in AWS.
 */
public final class RequestLimits {
    /** 192 KiB. */
    public static final int MAX_BODY_BYTES = 192 * 1024;
    /**
     * 5 MiB for the one route whose body is a document, a venue's plan ({@code POST /venues}; a pretix plan is about
     * 100 bytes a seat, so some 50,000 seats). Not more, though API Gateway takes 10 MB: in AWS the body reaches the
     * function inside the invocation's JSON event, each of its quotes escaped, and Lambda takes at most 6 MB in a
     * synchronous invocation (docs/venues.md#size).
     */
    public static final int MAX_PLAN_BODY_BYTES = 5 * 1024 * 1024;
    /**
     * 64 MiB: the most a venue's plan may be once a gzip-compressed body ({@code Content-Encoding: gzip}) is inflated.
     * A 100,000-seat pretix plan is about 10 MB of text and 0.6 MB compressed, so the biggest plan fits in the
     * {@link #MAX_PLAN_BODY_BYTES} a function can be handed, and a body that inflates without end (a "zip bomb") is
     * refused at this bound (docs/venues.md#size).
     */
    public static final int MAX_PLAN_TEXT_BYTES = 64 * 1024 * 1024;
    /** 16 KiB for the request line and all headers, cookies included. */
    public static final int MAX_HEAD_BYTES = 16 * 1024;

    private RequestLimits() {
    }

    /** Nothing, or {@code 413 content-too-large} for a body of more than {@link #MAX_BODY_BYTES}. */
    public static void checkBody(long bytes) {
        checkBody(bytes, MAX_BODY_BYTES);
    }

    /** Nothing, or {@code 413 content-too-large} for a body of more than {@code limit} bytes. */
    public static void checkBody(long bytes, int limit) {
        if (bytes > limit) {
            throw RequestTooLargeException.body(limit);
        }
    }

    /**
     * The most of a body the route of {@code method} {@code rawPath} reads: {@link #MAX_PLAN_BODY_BYTES} for
     * {@code POST /venues}, {@link #MAX_BODY_BYTES} for every other.
     */
    public static int maxBodyBytes(String method, String rawPath) {
        return "POST".equalsIgnoreCase(method) && ("/venues".equals(rawPath) || "/venues/".equals(rawPath))
                ? MAX_PLAN_BODY_BYTES : MAX_BODY_BYTES;
    }

    /** Whether the route of {@code method} {@code rawPath} takes a gzip-compressed body: {@code POST /venues} only. */
    public static boolean takesGzip(String method, String rawPath) {
        return maxBodyBytes(method, rawPath) == MAX_PLAN_BODY_BYTES;
    }

    /**
     * Nothing, or {@code 431 request-header-fields-too-large} when the request line and headers, counted as sent in
     * HTTP/1.1 ({@code name: value} and CRLF per header, one {@code Cookie} line for {@code cookies}), are more than
     * {@link #MAX_HEAD_BYTES}.
     */
    public static void checkHead(String method, String rawPath, String rawQuery, Map<String, String> headers,
                                 List<String> cookies) {
        long bytes = utf8Length(method) + 1 + utf8Length(rawPath)
                + (rawQuery == null || rawQuery.isEmpty() ? 0 : 1 + utf8Length(rawQuery)) + " HTTP/1.1\r\n".length();
        if (headers != null) {
            for (Map.Entry<String, String> header : headers.entrySet()) {
                bytes += utf8Length(header.getKey()) + 2 + utf8Length(header.getValue()) + 2;
            }
        }
        if (cookies != null && !cookies.isEmpty()) {
            bytes += "Cookie: \r\n".length() + utf8Length(String.join("; ", cookies));
        }
        if (bytes > MAX_HEAD_BYTES) {
            throw RequestTooLargeException.headers(MAX_HEAD_BYTES);
        }
    }

    private static long utf8Length(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
