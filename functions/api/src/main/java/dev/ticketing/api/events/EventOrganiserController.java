package dev.ticketing.api.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketing.api.query.QueryValues;
import dev.ticketing.audit.ListAuditEntries;
import dev.ticketing.audit.model.AuditEntry;
import dev.ticketing.events.BlockSeats;
import dev.ticketing.events.CompSeats;
import dev.ticketing.events.EditEvent;
import dev.ticketing.events.RepriceSeats;
import dev.ticketing.events.model.CompRequest;
import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.EventChanges;
import dev.ticketing.events.model.NewPrices;
import dev.ticketing.events.model.SeatsRequest;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.identity.Caller;
import dev.ticketing.logging.LogFields;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.store.Page;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The organiser's operations on an event (docs/organiser-seats.md): blocks, comps, edits, prices, the audit trail. */
@Controller("/events/{eventId}")
public class EventOrganiserController {
    private static final Logger LOG = LoggerFactory.getLogger(EventOrganiserController.class);

    private final BlockSeats blocks;
    private final CompSeats comps;
    private final EditEvent edits;
    private final RepriceSeats prices;
    private final ListAuditEntries audit;

    public EventOrganiserController(BlockSeats blocks, CompSeats comps, EditEvent edits, RepriceSeats prices,
                                    ListAuditEntries audit) {
        this.blocks = blocks;
        this.comps = comps;
        this.edits = edits;
        this.prices = prices;
        this.audit = audit;
    }

    /** The answer to a block or an unblock: the seats it changed and their status now. */
    public record SeatsChanged(String eventId, List<String> seats, String status) {
    }

    /** The answer: a page of audit entries, oldest first, and the cursor of the next page ({@code null} at the end). */
    public record AuditPage(List<AuditEntry> entries, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String next) {
    }

    @Post("/blocks")
    public SeatsChanged block(Caller caller, String eventId, @Body SeatsRequest request) {
        LogFields.put(LogFields.EVENT_ID, eventId);
        List<SeatId> blocked = blocks.block(caller, eventId, request);
        LOG.info("blocked {} seat(s)", blocked.size());
        return new SeatsChanged(eventId, names(blocked), "BLOCKED");
    }

    @Delete("/blocks")
    public SeatsChanged unblock(Caller caller, String eventId, @Body SeatsRequest request) {
        LogFields.put(LogFields.EVENT_ID, eventId);
        List<SeatId> unblocked = blocks.unblock(caller, eventId, request);
        LOG.info("unblocked {} seat(s)", unblocked.size());
        return new SeatsChanged(eventId, names(unblocked), "AVAILABLE");
    }

    /** 201 with the comp's hold (PAID, amount 0), which its buyer reads at {@code Location}. */
    @Post("/comps")
    public HttpResponse<Hold> comp(Caller caller, String eventId, @Body CompRequest request) {
        LogFields.put(LogFields.EVENT_ID, eventId);
        Hold comp = comps.comp(caller, eventId, request);
        LogFields.put(LogFields.HOLD_ID, comp.id());
        LOG.info("comp of {} seat(s)", comp.seats().size());
        return HttpResponse.created(comp, URI.create("/holds/" + comp.id()));
    }

    @Patch
    public Event edit(Caller caller, String eventId, @Body EventChanges changes) {
        LogFields.put(LogFields.EVENT_ID, eventId);
        Event edited = edits.edit(caller, eventId, changes);
        LOG.info("event edited");
        return edited;
    }

    @Post("/prices")
    public Event reprice(Caller caller, String eventId, @Body NewPrices request) {
        LogFields.put(LogFields.EVENT_ID, eventId);
        Event repriced = prices.reprice(caller, eventId, request);
        LOG.info("event repriced: {} tier(s)", repriced.prices().size());
        return repriced;
    }

    /** Oldest first, {@code limit} (default 50, at most 100) at a time; {@code cursor} is the previous page's next. */
    @Get("/audit")
    public AuditPage audit(Caller caller, String eventId, QueryValues query) {
        Page<AuditEntry> page = audit.page(caller, eventId, Page.limit(query.get("limit")), query.get("cursor"));
        return new AuditPage(page.items(), page.next());
    }

    private static List<String> names(List<SeatId> seats) {
        return seats.stream().map(SeatId::toString).toList();
    }
}
