package dev.ticketing.api.tickets;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketing.api.query.QueryValues;
import dev.ticketing.identity.Caller;
import dev.ticketing.store.Page;
import dev.ticketing.tickets.MyTickets;
import dev.ticketing.tickets.model.Ticket;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.List;

@Controller
public class MyTicketsController {
    private final MyTickets tickets;

    public MyTicketsController(MyTickets tickets) {
        this.tickets = tickets;
    }

    /** The answer: a page of tickets, and the cursor of the next page ({@code null} at the end). */
    public record TicketPage(List<Ticket> tickets, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String next) {
    }

    /**
     * The caller's tickets of every hold, newest first, {@code limit} (default 50, at most 100) at a time: PENDING
     * while held, PAID once sold, CANCELLED otherwise (at once when the hold expires). {@code cursor} is the
     * {@code next} of the previous page.
     */
    @Get("/me/tickets")
    public TicketPage mine(Caller caller, QueryValues query) {
        Page<Ticket> page = tickets.of(caller.userId(), Page.limit(query.get("limit")), query.get("cursor"));
        return new TicketPage(page.items(), page.next());
    }
}
