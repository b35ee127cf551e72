package dev.ticketing.api.seats;

import dev.ticketing.api.query.QueryValues;
import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.seats.SeatMapSnapshots;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;

/**
 * The seat map, full or compact, with an ETag so a polling client mostly gets 304. Public (no token): it holds no
 * personal data, so a visitor sees the live map before signing in and a CDN may answer it
 * ({@link dev.ticketing.api.caching.PublicReadCaching}).
 */
@Controller("/events/{eventId}/seats")
public class SeatMapController {
    private final SeatMapSnapshots seatMaps;

    public SeatMapController(SeatMapSnapshots seatMaps) {
        this.seatMaps = seatMaps;
    }

    @Get
    public HttpResponse<?> seats(String eventId, QueryValues query,
                                 @Header(HttpHeaders.IF_NONE_MATCH) @Nullable String ifNoneMatch) {
        String format = query.get("format");
        boolean compact = "compact".equals(format);
        if (format != null && !compact && !"full".equals(format)) {
            throw new InvalidRequestException("format must be 'full' or 'compact'");
        }
        // the compact map comes from the stream-kept block items (cheap to refresh), the full one from every seat
        SeatMapSnapshots.Snapshot map = compact ? seatMaps.compact(eventId) : seatMaps.current(eventId);
        String etag = "\"" + map.version() + (compact ? "-c" : "-f") + "\"";
        if (etag.equals(ifNoneMatch)) {
            return HttpResponse.status(HttpStatus.NOT_MODIFIED).header(HttpHeaders.ETAG, etag);
        }
        return HttpResponse.ok(compact ? map.compactJson() : map.fullJson())
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.ETAG, etag);
    }
}
