package dev.ticketing.api.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketing.api.query.QueryValues;
import dev.ticketing.events.ListOrganiserEvents;
import dev.ticketing.events.model.Event;
import dev.ticketing.identity.Caller;
import dev.ticketing.store.Page;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.List;

/** The organiser's own events, whatever their status (docs/organiser-operations.md#my-events). */
@Controller("/organizer/events")
public class OrganiserEventsController {
    private final ListOrganiserEvents events;

    public OrganiserEventsController(ListOrganiserEvents events) {
        this.events = events;
    }

    /** The answer: a page of events, newest first, and the cursor of the next page ({@code null} at the end). */
    public record OrganiserEventPage(List<Event> events, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String next) {
    }

    /** Newest first, {@code limit} (default 50, at most 100) at a time; {@code cursor} is the previous page's next. */
    @Get
    public OrganiserEventPage list(Caller caller, QueryValues query) {
        Page<Event> page = events.page(caller, Page.limit(query.get("limit")), query.get("cursor"));
        return new OrganiserEventPage(page.items(), page.next());
    }
}
