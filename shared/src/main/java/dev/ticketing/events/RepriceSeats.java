package dev.ticketing.events;

import dev.ticketing.audit.model.AuditAction;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.NewPrices;
import dev.ticketing.identity.Caller;
import dev.ticketing.payments.provider.PaymentGateways;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code POST /events/{id}/prices}: the organiser reprices row ranges of an event on sale. A seat's price is read
 * from its row's tier when a hold takes it, and the hold keeps it (each held seat's price, the hold's amount, the
 * payment's amount), so changing the tiers changes the price of every seat not yet held or sold, and of no other.
 * The same one transaction as {@link EditEvent}: the event under its version, and the audit entry with the prices
 * before and after. Holds placed by another instance within {@link EventReader#CACHE_FOR} of the change may still
 * take the old price: the one their buyer was shown.
 */
@Singleton
public class RepriceSeats {
    private final EventReader events;
    private final EditEvent edits;
    private final PaymentGateways gateways;
    private final Clock clock;

    public RepriceSeats(EventReader events, EditEvent edits, PaymentGateways gateways, Clock clock) {
        this.events = events;
        this.edits = edits;
        this.gateways = gateways;
        this.clock = clock;
    }

    /**
     * The event with its new prices.
     *
     * @throws dev.ticketing.problems.TicketingException 404 unknown event, 403 not its organiser, 409 not on sale or
     *         changed meanwhile, 400 a wrong currency or a bad price ({@link NewPrices#applyTo}) or one an enabled
     *         provider cannot charge
     */
    public Event reprice(Caller caller, String eventId, NewPrices prices) {
        EventReader.Versioned stored = events.versionedOrNotFound(eventId);
        Event before = stored.event();
        EventOrganisers.require(caller, before);
        before.requireOnSale();
        Event after = prices.applyTo(before);
        CreateEvent.requireChargeable(gateways, after);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return edits.change(caller, stored, after, now, AuditAction.REPRICE, "repriced unsold seats",
                OrganiserActions.prices(before), OrganiserActions.prices(after));
    }
}
