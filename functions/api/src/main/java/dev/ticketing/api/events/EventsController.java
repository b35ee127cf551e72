package dev.ticketing.api.events;

import dev.ticketing.events.Event;
import dev.ticketing.events.creation.EventService;
import dev.ticketing.events.NewEvent;
import dev.ticketing.identity.Caller;
import dev.ticketing.logging.LogFields;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
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

    @Post
    public HttpResponse<Event> create(Caller caller, @Body NewEvent request) {
        Event event = events.create(caller, request);
        LogFields.put(LogFields.EVENT_ID, event.id());
        LOG.info("event created: {} rows x {} columns", event.rows(), event.columns());
        return HttpResponse.created(event, URI.create("/events/" + event.id()));
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
