package dev.ticketing.api.holds;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.ticketing.api.query.QueryValues;
import dev.ticketing.holds.ListOpenHolds;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.identity.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.List;
import java.util.Map;

@Controller
public class MyHoldsController {
    private final ListOpenHolds holds;

    public MyHoldsController(ListOpenHolds holds) {
        this.holds = holds;
    }

    /** An open hold as {@code GET /holds/{id}} shows it, plus the payment in flight for it, if any. */
    public record OpenHold(@JsonUnwrapped Hold hold, @Nullable String paymentId) {
    }

    /**
     * The caller's ACTIVE holds, newest first, of one event when {@code eventId} is given: what a page opened in a
     * new tab needs to show the hold and its countdown, and to follow a payment already under way.
     */
    @Get("/me/holds")
    public Map<String, List<OpenHold>> mine(Caller caller, QueryValues query) {
        String eventId = query.get("eventId");
        return Map.of("holds", holds.open(caller.userId(), eventId == null || eventId.isBlank() ? null : eventId).stream()
                .map(stored -> new OpenHold(stored.hold(), stored.paymentId()))
                .toList());
    }
}
