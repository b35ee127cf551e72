package dev.ticketing.api.holds;

import dev.ticketing.api.identity.SourceAddress;
import dev.ticketing.clients.AdmitClientWrite;
import dev.ticketing.holds.model.PlacedHold;
import dev.ticketing.holds.FollowHoldRequest;
import dev.ticketing.holds.PlaceHold;
import dev.ticketing.holds.ReleaseHold;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.HoldRequest;
import dev.ticketing.identity.Caller;
import dev.ticketing.logging.LogFields;
import dev.ticketing.metrics.BusinessMetrics;
import dev.ticketing.metrics.BusinessMetrics.Figure;
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
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Controller
public class HoldsController {
    private static final Logger LOG = LoggerFactory.getLogger(HoldsController.class);

    private final PlaceHold placement;
    private final HoldReader holds;
    private final ReleaseHold releaser;
    private final BusinessMetrics metrics;
    private final AdmitClientWrite admission;
    private final FollowHoldRequest following;

    public HoldsController(PlaceHold placement, HoldReader holds, ReleaseHold releaser, BusinessMetrics metrics,
                           AdmitClientWrite admission, FollowHoldRequest following) {
        this.following = following;
        this.admission = admission;
        this.placement = placement;
        this.holds = holds;
        this.releaser = releaser;
        this.metrics = metrics;
    }

    /**
     * {@code 201} with the hold; {@code Idempotent-Replayed} marks the answer to a retry; {@code Hold-Attempts} how many
     * picks it took. A quantity request not placed within {@code BEST_AVAILABLE_WAIT}: {@code 202} with a
     * {@code Location} to poll ({@link #follow}).
     */
    @Post("/events/{eventId}/holds")
    public HttpResponse<?> hold(Caller caller, SourceAddress source, String eventId, @Body HoldRequest request,
                                @Header("Idempotency-Key") @Nullable String idempotencyKey) {
        admission.admit(source.address());
        return answer(eventId, placement.place(caller, eventId, request, idempotencyKey));
    }

    /**
     * Where a best-available request answered {@code 202} stands: {@code 202} again while it waits in the event's
     * queue, {@code 201} with the hold (as the POST would have answered) once placed, or the problem it was refused
     * with (409 {@code not-enough-seats}, 503 {@code best-available-busy}, ...). Another user's request is 404.
     */
    @Get("/events/{eventId}/holds/requests/{requestId}")
    public HttpResponse<?> follow(Caller caller, String eventId, String requestId) {
        return answer(eventId, following.follow(caller, eventId, requestId));
    }

    /** The answer to a request still queued: its id, and the {@code Location} to poll. */
    public record PendingHold(String requestId, String status) {
    }

    private HttpResponse<?> answer(String eventId, PlacedHold placed) {
        if (placed.isPending()) {
            URI poll = URI.create("/events/" + eventId + "/holds/requests/" + placed.pendingRequest());
            return HttpResponse.accepted(poll).body(new PendingHold(placed.pendingRequest(), "PENDING"));
        }
        Hold hold = placed.hold();
        LogFields.put(LogFields.HOLD_ID, hold.id());
        if (!placed.replayed()) {
            LOG.info("hold placed: {} seat(s) after {} pick(s)", hold.seats().size(), placed.attempts());
            metrics.count(Map.of(Figure.HOLDS_PLACED, 1L, Figure.SEATS_HELD, (long) hold.seats().size()));
        }
        MutableHttpResponse<Hold> response = HttpResponse.created(hold, URI.create("/holds/" + hold.id()))
                .header("Hold-Attempts", Integer.toString(placed.attempts()));
        return placed.replayed() ? response.header("Idempotent-Replayed", "true") : response;
    }

    @Get("/holds/{holdId}")
    public Hold get(Caller caller, String holdId) {
        return holds.ownedBy(caller, holdId);
    }

    @Delete("/holds/{holdId}")
    public HttpResponse<Void> release(Caller caller, SourceAddress source, String holdId) {
        admission.admit(source.address());
        releaser.release(caller, holdId);
        return HttpResponse.noContent();
    }
}
