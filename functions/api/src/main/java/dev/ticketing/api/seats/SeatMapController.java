package dev.ticketing.api.seats;

import dev.ticketing.api.caching.PublicReadCaching;
import dev.ticketing.api.query.QueryValues;
import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.seats.map.SeatMap;
import dev.ticketing.seats.map.SeatMapCache;
import dev.ticketing.seats.model.RowRange;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import java.time.Clock;
import java.time.Duration;

/**
 * The seat map, full or compact, with an ETag so a polling client mostly gets 304. Public (no token): it holds no
 * personal data, so a visitor sees the live map before signing in and a CDN may answer it
 * ({@link dev.ticketing.api.caching.PublicReadCaching}).
 */
@Controller("/events/{eventId}/seats")
public class SeatMapController {
    /** The version poll's time bucket: a CDN keeps a version answer at most this long plus one request's transit. */
    public static final Duration BUCKET = Duration.ofMillis(250);
    /** How far a caller's bucket may be from the server's (10 s): clocks estimated from {@code now} are closer. */
    static final long BUCKETS_ACCEPTED = 40;

    private final SeatMapCache seatMaps;
    private final Clock clock;

    public SeatMapController(SeatMapCache seatMaps, Clock clock) {
        this.seatMaps = seatMaps;
        this.clock = clock;
    }

    /**
     * The compact form whole; the full form a page of whole rows at a time ({@code fromRow}, {@code toRow}; by default
     * the first page), with the next page's path in {@code next} and a {@code Link: <...>; rel="next"} header.
     */
    @Get
    public HttpResponse<?> seats(String eventId, QueryValues query,
                                 @Header(HttpHeaders.IF_NONE_MATCH) @Nullable String ifNoneMatch) {
        String format = query.get("format");
        String fromRow = query.get("fromRow");
        String toRow = query.get("toRow");
        boolean compact = "compact".equals(format);
        if ("version".equals(format)) {
            return version(eventId, query.get("t"));
        }
        if (format != null && !compact && !"full".equals(format)) {
            throw new InvalidRequestException("format must be 'full', 'compact' or 'version'");
        }
        if (compact && (fromRow != null || toRow != null)) {
            throw new InvalidRequestException("fromRow and toRow page the full map; the compact map is always whole");
        }
        String wanted = query.get("v");
        if (wanted != null && !compact) {
            throw new InvalidRequestException("v names a version of the compact map (format=compact)");
        }
        // the compact map comes from the stream-kept block items (cheap to refresh), the full one from every seat
        SeatMapCache.Snapshot map = !compact ? seatMaps.current(eventId)
                : wanted != null ? seatMaps.compact(eventId, wanted) : seatMaps.compact(eventId);
        RowRange rows = compact ? null : RowRange.of(fromRow, toRow, map.map().rows(), map.map().columns());
        String etag = "\"" + map.version() + (compact ? "-c" : "-f" + rows.fromRow() + "-" + rows.toRow()) + "\"";
        if (etag.equals(ifNoneMatch)) {
            return HttpResponse.status(HttpStatus.NOT_MODIFIED).header(HttpHeaders.ETAG, etag);
        }
        MutableHttpResponse<String> answer = HttpResponse.ok(compact ? map.compactJson() : map.fullJson(rows))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.ETAG, etag);
        if (wanted != null) {
            // a version names one body for ever (the version is a digest of it): the CDN may keep it; another
            // version under this URL (this instance is behind or ahead of the one that answered the version) must
            // not be kept, the page asks again
            answer.header(HttpHeaders.CACHE_CONTROL, wanted.equals(map.version())
                    ? PublicReadCaching.IMMUTABLE : PublicReadCaching.NO_STORE);
        }
        RowRange next = compact ? null : rows.next(map.map().rows());
        if (next != null) {
            answer.header(HttpHeaders.LINK, "<" + SeatMap.pagePath(eventId, next) + ">; rel=\"next\"");
        }
        return answer;
    }

    /**
     * The compact map's version alone ({@code {"eventId","version","now"}}, ~100 bytes), what the page polls. {@code t}
     * (optional) is the caller's time bucket, {@code floor(server ms / 250)}, estimated from {@code now}: a new cache
     * key every 250 ms, so a CDN keeps each answer only while it is asked for, whatever its TTL (docs/seat-map.md,
     * the freshness bound). A bucket more than {@link #BUCKETS_ACCEPTED} buckets from the server's clock is a 400
     * (else anyone could bypass the CDN with fresh keys).
     */
    private HttpResponse<?> version(String eventId, String bucket) {
        if (bucket != null) {
            long t;
            try {
                t = Long.parseLong(bucket);
            } catch (NumberFormatException e) {
                throw new InvalidRequestException("t must be a whole number: floor(server time in ms / "
                        + BUCKET.toMillis() + ")");
            }
            long current = clock.millis() / BUCKET.toMillis();
            if (Math.abs(t - current) > BUCKETS_ACCEPTED) {
                throw new InvalidRequestException("t must be within " + BUCKETS_ACCEPTED + " buckets of the server's "
                        + "clock (now " + current + "): estimate it from 'now' of an earlier answer");
            }
        }
        SeatMapCache.Snapshot map = seatMaps.compact(eventId);
        return HttpResponse.ok(new Version(eventId, map.version(), clock.millis()))
                .header(HttpHeaders.ETAG, "\"" + map.version() + "-v\"");
    }

    /** The version endpoint's answer: the compact map's current version and the server's time in ms. */
    public record Version(String eventId, String version, long now) {
    }
}
