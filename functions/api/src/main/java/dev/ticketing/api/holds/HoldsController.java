package dev.ticketing.api.holds;

import dev.ticketing.holds.Hold;
import dev.ticketing.holds.HoldPlacement;
import dev.ticketing.holds.HoldReleaser;
import dev.ticketing.holds.HoldRequest;
import dev.ticketing.holds.HoldStore;
import dev.ticketing.identity.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import java.net.URI;

@Controller
public class HoldsController {
    private final HoldPlacement placement;
    private final HoldStore holds;
    private final HoldReleaser releaser;

    public HoldsController(HoldPlacement placement, HoldStore holds, HoldReleaser releaser) {
        this.placement = placement;
        this.holds = holds;
        this.releaser = releaser;
    }

    /** {@code Idempotent-Replayed} marks the answer to a retry; {@code Hold-Attempts} how many picks it took. */
    @Post("/events/{eventId}/holds")
    public HttpResponse<Hold> hold(Caller caller, String eventId, @Body HoldRequest request,
                                   @Header("Idempotency-Key") @Nullable String idempotencyKey) {
        HoldPlacement.Placed placed = placement.place(caller, eventId, request, idempotencyKey);
        Hold hold = placed.hold();
        MutableHttpResponse<Hold> response = HttpResponse.created(hold, URI.create("/holds/" + hold.id()))
                .header("Hold-Attempts", Integer.toString(placed.attempts()));
        return placed.replayed() ? response.header("Idempotent-Replayed", "true") : response;
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
