package dev.ticketing.api.seats;

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

/**
 * The seat map, full or compact, with an ETag so a polling client mostly gets 304. Public (no token): it holds no
 * personal data, so a visitor sees the live map before signing in and a CDN may answer it
 * ({@link dev.ticketing.api.caching.PublicReadCaching}).
 */
@Controller("/events/{eventId}/seats")
public class SeatMapController {
    private final SeatMapCache seatMaps;

    public SeatMapController(SeatMapCache seatMaps) {
        this.seatMaps = seatMaps;
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
        if (format != null && !compact && !"full".equals(format)) {
            throw new InvalidRequestException("format must be 'full' or 'compact'");
        }
        if (compact && (fromRow != null || toRow != null)) {
            throw new InvalidRequestException("fromRow and toRow page the full map; the compact map is always whole");
        }
        // the compact map comes from the stream-kept block items (cheap to refresh), the full one from every seat
        SeatMapCache.Snapshot map = compact ? seatMaps.compact(eventId) : seatMaps.current(eventId);
        RowRange rows = compact ? null : RowRange.of(fromRow, toRow, map.map().rows(), map.map().columns());
        String etag = "\"" + map.version() + (compact ? "-c" : "-f" + rows.fromRow() + "-" + rows.toRow()) + "\"";
        if (etag.equals(ifNoneMatch)) {
            return HttpResponse.status(HttpStatus.NOT_MODIFIED).header(HttpHeaders.ETAG, etag);
        }
        MutableHttpResponse<String> answer = HttpResponse.ok(compact ? map.compactJson() : map.fullJson(rows))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.ETAG, etag);
        RowRange next = compact ? null : rows.next(map.map().rows());
        if (next != null) {
            answer.header(HttpHeaders.LINK, "<" + SeatMap.pagePath(eventId, next) + ">; rel=\"next\"");
        }
        return answer;
    }
}
