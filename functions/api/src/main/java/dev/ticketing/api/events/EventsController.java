package dev.ticketing.api.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketing.events.Event;
import dev.ticketing.events.creation.EventService;
import dev.ticketing.events.NewEvent;
import dev.ticketing.identity.Caller;
import dev.ticketing.api.query.QueryValues;
import dev.ticketing.logging.LogFields;
import dev.ticketing.store.Page;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import java.net.URI;
import java.util.List;
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

    /** The answer: a page of events, and the cursor of the next page ({@code null} at the end). */
    public record EventPage(List<Event> events, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String next) {
    }

    /**
     * Public (no token): the events hold no personal data, and a visitor browses them before signing in. Soonest
     * first, {@code limit} (default 50, at most 100) at a time; {@code cursor} is the {@code next} of the page before.
     */
    @Get
    public EventPage list(QueryValues query) {
        Page<Event> page = events.page(Page.limit(query.get("limit")), query.get("cursor"));
        return new EventPage(page.items(), page.next());
    }

    /** Public, like the list. */
    @Get("/{eventId}")
    public Event get(String eventId) {
        return events.get(eventId);
    }
}
