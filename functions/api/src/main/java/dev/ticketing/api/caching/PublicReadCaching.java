package dev.ticketing.api.caching;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * The public reads ({@code GET /events}, {@code /events/{id}}, {@code /events/{id}/seats}) answer
 * {@code Cache-Control: public, max-age=1}: they hold no personal data, so a shared cache (the CloudFront
 * distribution in template.yaml) may answer everyone with one origin request per second, and browsers with
 * their own copy for a second; after that, both revalidate with the ETag (mostly a {@code 304}). One second is the
 * freshness the seat map promises (DESIGN.md section 4). Errors carry no such header and are not cached by it. A
 * route that sets its own Cache-Control keeps it: the compact map by version ({@link #IMMUTABLE} or
 * {@link #NO_STORE}).
 */
@ServerFilter({"/events", "/events/*", "/events/*/seats"})
public class PublicReadCaching {
    public static final String CACHE_CONTROL = "public, max-age=1";
    /** A compact map asked for by its own version ({@code ?v=}): the same body for ever. */
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** A compact map asked for by another version than the one answered: never kept. */
    public static final String NO_STORE = "no-store";

    @ResponseFilter
    public void cacheable(HttpRequest<?> request, MutableHttpResponse<?> response) {
        boolean read = request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD;
        boolean ownPolicy = response.getHeaders().contains(HttpHeaders.CACHE_CONTROL);
        if (read && !ownPolicy && (response.status() == HttpStatus.OK || response.status() == HttpStatus.NOT_MODIFIED)) {
            response.getHeaders().set(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        }
    }
}
