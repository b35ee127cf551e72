package dev.ticketing.input;

import dev.ticketing.problems.UnsupportedContentEncodingException;
import java.util.List;
import java.util.Map;

/**
 * An HTTP request as API Gateway hands it to a function (payload 2.0), before anything of it is parsed: the one
 * place where the functions apply {@link RequestLimits} and {@link StrictJson#text(String, boolean, String)}.
 * {@code headers} and {@code cookies} may be null, as in API Gateway's events.
 */
public record RawRequest(String method, String rawPath, String rawQuery, Map<String, String> headers,
                         List<String> cookies, String body, boolean base64Encoded) {
    /**
     * The body's text (null without a body), or the problem that refuses the request: {@code 431} for a request
     * line and headers over {@link RequestLimits#MAX_HEAD_BYTES}, {@code 413} for a body over its route's
     * {@link RequestLimits#maxBodyBytes}, {@code 400 invalid-encoding} for a body that is not UTF-8.
     */
    public String text() {
        RequestLimits.checkHead(method, rawPath, rawQuery, headers, cookies);
        int limit = RequestLimits.maxBodyBytes(method, rawPath);
        if (gzipped()) {
            return StrictJson.text(Gzip.inflate(StrictJson.bytes(body, base64Encoded, limit),
                    RequestLimits.MAX_PLAN_TEXT_BYTES), header("content-type"), RequestLimits.MAX_PLAN_TEXT_BYTES);
        }
        return StrictJson.text(body, base64Encoded, header("content-type"), limit);
    }

    /**
     * Whether the body comes gzip-compressed ({@code Content-Encoding: gzip}), which only a venue's plan may
     * ({@link RequestLimits#takesGzip}); a 415 {@code unsupported-content-encoding} for any other encoding or route.
     */
    public boolean gzipped() {
        String encoding = header("content-encoding");
        if (encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity")) {
            return false;
        }
        if (encoding.trim().equalsIgnoreCase("gzip") && RequestLimits.takesGzip(method, rawPath)) {
            return true;
        }
        throw new UnsupportedContentEncodingException(encoding);
    }

    /** A header's value, its name in any case (API Gateway gives them in lower case), or null. */
    public String header(String name) {
        return headers == null ? null : headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
