package dev.ticketing.input;

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
        return StrictJson.text(body, base64Encoded, header("content-type"), RequestLimits.maxBodyBytes(method, rawPath));
    }

    /** A header's value, its name in any case (API Gateway gives them in lower case), or null. */
    public String header(String name) {
        return headers == null ? null : headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
