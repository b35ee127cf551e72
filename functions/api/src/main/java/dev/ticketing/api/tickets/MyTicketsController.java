package dev.ticketing.api.tickets;

import dev.ticketing.identity.Caller;
import dev.ticketing.tickets.Ticket;
import dev.ticketing.holds.MyTickets;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.List;
import java.util.Map;

@Controller
public class MyTicketsController {
    private final MyTickets tickets;

    public MyTicketsController(MyTickets tickets) {
        this.tickets = tickets;
    }

    /**
     * The caller's tickets of every hold, newest first: PENDING while held, PAID once sold, CANCELLED otherwise (at
     * once when the hold expires).
     */
    @Get("/me/tickets")
    public Map<String, List<Ticket>> mine(Caller caller) {
        return Map.of("tickets", tickets.of(caller.userId()));
    }
}
