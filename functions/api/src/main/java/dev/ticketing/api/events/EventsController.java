package dev.ticketing.api.events;

import dev.ticketing.events.Event;
import dev.ticketing.events.EventStatus;
import dev.ticketing.events.creation.EventService;
import dev.ticketing.events.NewEvent;
import dev.ticketing.identity.Caller;
import dev.ticketing.logging.LogFields;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Post;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Controller("/events")
public class EventsController {
    private static final Logger LOG = LoggerFactory.getLogger(EventsController.class);

    private final EventService events;

    public EventsController(EventService events) {
        this.events = events;
    }

    /**
     * 201 with the event ON_SALE; 202 with the event still CREATING (a big hall: its seats are being written, poll
     * {@code Location} until it is ON_SALE). A retry with the same {@code Idempotency-Key} answers the same event
     * (marked {@code Idempotent-Replayed}), resuming its creation if it stopped.
     */
    @Post
    public HttpResponse<Event> create(Caller caller, @Body NewEvent request,
                                      @Header("Idempotency-Key") @Nullable String idempotencyKey) {
        EventService.Created created = events.create(caller, request, idempotencyKey);
        Event event = created.event();
        LogFields.put(LogFields.EVENT_ID, event.id());
        LOG.info("event {}: {} rows x {} columns, {}", created.replayed() ? "replayed" : "created", event.rows(),
                event.columns(), event.status());
        URI location = URI.create("/events/" + event.id());
        MutableHttpResponse<Event> response = event.status() == EventStatus.ON_SALE ? HttpResponse.created(event, location)
                : HttpResponse.<Event>accepted(location).body(event);
        return created.replayed() ? response.header("Idempotent-Replayed", "true") : response;
    }

    /** Public (no token): the events hold no personal data, and a visitor browses them before signing in. */
    @Get
    public Map<String, List<Event>> list() {
        return Map.of("events", events.list());
    }

    /** Public, like the list. */
    @Get("/{eventId}")
    public Event get(String eventId) {
        return events.get(eventId);
    }
}
