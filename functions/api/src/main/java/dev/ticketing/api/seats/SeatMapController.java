package dev.ticketing.api.seats;

import dev.ticketing.identity.Caller;
import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.seats.SeatMap;
import dev.ticketing.seats.SeatMapService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;

/** The seat map, full or compact, with an ETag so a polling client mostly gets 304. */
@Controller("/events/{eventId}/seats")
public class SeatMapController {
    private final SeatMapService seatMaps;

    public SeatMapController(SeatMapService seatMaps) {
        this.seatMaps = seatMaps;
    }

    @Get
    public HttpResponse<?> seats(Caller caller, String eventId, @QueryValue @Nullable String format,
                                 @Header(HttpHeaders.IF_NONE_MATCH) @Nullable String ifNoneMatch) {
        boolean compact = "compact".equals(format);
        if (format != null && !compact && !"full".equals(format)) {
            throw new InvalidRequestException("format must be 'full' or 'compact'");
        }
        SeatMap map = seatMaps.read(eventId);
        String etag = "\"" + map.version() + (compact ? "-c" : "-f") + "\"";
        if (etag.equals(ifNoneMatch)) {
            return HttpResponse.status(HttpStatus.NOT_MODIFIED).header(HttpHeaders.ETAG, etag);
        }
        return HttpResponse.ok(compact ? map.compact() : map)
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }
}
