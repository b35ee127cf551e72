package dev.ticketing.api.holds;

import dev.ticketing.holds.Hold;
import dev.ticketing.holds.HoldReleaser;
import dev.ticketing.holds.HoldRequest;
import dev.ticketing.holds.HoldStore;
import dev.ticketing.holds.SeatHolder;
import dev.ticketing.identity.Caller;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import java.net.URI;

@Controller
public class HoldsController {
    private final SeatHolder seatHolder;
    private final HoldStore holds;
    private final HoldReleaser releaser;

    public HoldsController(SeatHolder seatHolder, HoldStore holds, HoldReleaser releaser) {
        this.seatHolder = seatHolder;
        this.holds = holds;
        this.releaser = releaser;
    }

    @Post("/events/{eventId}/holds")
    public HttpResponse<Hold> hold(Caller caller, String eventId, @Body HoldRequest request) {
        Hold hold = seatHolder.hold(caller, eventId, request);
        return HttpResponse.created(hold, URI.create("/holds/" + hold.id()));
    }

    @Get("/holds/{holdId}")
    public Hold get(Caller caller, String holdId) {
        return holds.ownedBy(caller, holdId);
    }

    @Delete("/holds/{holdId}")
    public HttpResponse<Void> release(Caller caller, String holdId) {
        releaser.release(caller, holdId);
        return HttpResponse.noContent();
    }
}
