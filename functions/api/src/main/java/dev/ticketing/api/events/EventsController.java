package dev.ticketing.api.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.ticketing.api.query.QueryValues;
import dev.ticketing.events.CancelEvent;
import dev.ticketing.events.CreateEvent;
import dev.ticketing.events.model.CancellationRequest;
import dev.ticketing.events.model.Cancellation;
import dev.ticketing.events.model.EventDetails;
import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.EventStatus;
import dev.ticketing.events.model.NewEvent;
import dev.ticketing.identity.Caller;
import dev.ticketing.logging.LogFields;
import dev.ticketing.store.Page;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.HttpHeaders;
import dev.ticketing.api.caching.PublicReadCaching;
import dev.ticketing.events.ReadSeatPlan;
import dev.ticketing.events.model.SeatPlanView;
import io.micronaut.http.annotation.Header;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Post;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Controller("/events")
public class EventsController {
    private static final Logger LOG = LoggerFactory.getLogger(EventsController.class);

    private final CreateEvent events;
    private final CancelEvent cancellations;
    private final ReadSeatPlan plans;

    public EventsController(CreateEvent events, CancelEvent cancellations, ReadSeatPlan plans) {
        this.events = events;
        this.cancellations = cancellations;
        this.plans = plans;
    }

    /**
     * 201 with the event ON_SALE; 202 with the event still CREATING (a big hall: its seats are being written, poll
     * {@code Location} until it is ON_SALE). A retry with the same {@code Idempotency-Key} answers the same event
     * (marked {@code Idempotent-Replayed}), resuming its creation if it stopped.
     */
    /**
     * An event as answered: its fields, {@code providers}, the payment providers it can be paid with (the enabled
     * ones that take its currency, in checkout order), and for a CANCELLED event its {@code cancellation} (reason,
     * refunds done and pending; absent otherwise), for a CREATING or FAILED one its {@code creation} (seats written of
     * seats; absent otherwise).
     */
    public record EventAnswer(@JsonUnwrapped Event event, List<String> providers,
                              @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Cancellation cancellation,
                              @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable EventDetails.Creation creation) {
    }

    @Post
    public HttpResponse<EventAnswer> create(Caller caller, @Body NewEvent request,
                                      @Header("Idempotency-Key") @Nullable String idempotencyKey) {
        CreateEvent.Created created = events.create(caller, request, idempotencyKey);
        Event event = created.event();
        LogFields.put(LogFields.EVENT_ID, event.id());
        LOG.info("event {}: {} rows x {} columns, {}", created.replayed() ? "replayed" : "created", event.rows(),
                event.columns(), event.status());
        URI location = URI.create("/events/" + event.id());
        EventAnswer answer = answer(event);
        MutableHttpResponse<EventAnswer> response = event.status() == EventStatus.ON_SALE
                ? HttpResponse.created(answer, location) : HttpResponse.<EventAnswer>accepted(location).body(answer);
        return created.replayed() ? response.header("Idempotent-Replayed", "true") : response;
    }

    /** The answer: a page of events, and the cursor of the next page ({@code null} at the end). */
    public record EventPage(List<EventAnswer> events, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String next) {
    }

    /**
     * Public (no token): the events hold no personal data, and a visitor browses them before signing in. Soonest
     * first, {@code limit} (default 50, at most 100) at a time; {@code cursor} is the {@code next} of the page before.
     */
    @Get
    public EventPage list(QueryValues query) {
        Page<Event> page = events.page(Page.limit(query.get("limit")), query.get("cursor"));
        return new EventPage(page.items().stream().map(this::answer).toList(), page.next());
    }

    /** Public, like the list; a CANCELLED event with its {@code cancellation} (reason, refunds done and pending). */
    @Get("/{eventId}")
    public EventAnswer get(String eventId) {
        return answer(cancellations.details(eventId));
    }

    /**
     * Public: where the event's seats are and how they are named, in the compact map's order ({@link SeatPlanView});
     * it never changes for an event, so any cache may keep it for ever.
     */
    @Get("/{eventId}/plan")
    public HttpResponse<SeatPlanView> plan(String eventId) {
        return HttpResponse.ok(plans.plan(eventId)).header(HttpHeaders.CACHE_CONTROL, PublicReadCaching.IMMUTABLE);
    }

    /**
     * The event's organiser (or a platform admin) calls it off: 202 with the event CANCELLED and the cancellation's
     * progress (its holds end, its payments in flight fail, its sales are refunded, in the background); 200 with the
     * same when it already was. See {@link CancelEvent#cancel} for the refusals.
     */
    @Post("/{eventId}/cancel")
    public HttpResponse<EventAnswer> cancel(Caller caller, String eventId, @Body @Nullable CancellationRequest request) {
        LogFields.put(LogFields.EVENT_ID, eventId);
        CancelEvent.Cancelled cancelled = cancellations.cancel(caller, eventId, request);
        EventAnswer answer = answer(cancelled.details());
        return cancelled.now() ? HttpResponse.accepted().body(answer) : HttpResponse.ok(answer);
    }

    private EventAnswer answer(Event event) {
        return new EventAnswer(event, events.providersOf(event), null, null);
    }

    private EventAnswer answer(EventDetails details) {
        return new EventAnswer(details.event(), events.providersOf(details.event()), details.cancellation(),
                details.creation());
    }
}
