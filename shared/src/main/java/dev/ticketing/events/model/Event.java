package dev.ticketing.events.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ticketing.seats.model.RectangleLayout;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.seats.model.SeatLayout;
import dev.ticketing.input.Instants;
import dev.ticketing.problems.ConflictException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A show with a rectangular seat plan of {@code rows x columns} seats, priced by row, or on a venue's plan
 * ({@code plan}: its seats, priced by category; {@code rows x columns} is then the plan's grid, {@link #layout}), sold from {@code salesStart}
 * (inclusive) to {@code salesEnd} (exclusive), with its {@link SingleSeatRule}; its {@link EventStatus} says whether
 * its seats are all written ({@code failureReason}: why writing them stopped, when it did). It belongs to the organiser
 * {@code organizerId} who created it ({@code Caller.organizerId}; issue 21, item 1), who alone, beside the platform
 * admins, runs its organiser operations ({@code events.EventOrganisers}); null for events stored before organisers,
 * which only platform admins run. Not answered: it may be a user's id, and events are public.
 */
public record Event(String id, String name, Instant date, int rows, int columns, String currency,
                    List<PriceTier> prices, @JsonIgnore int rowsPerBlock, SingleSeatRule singleSeatRule,
                    Instant salesStart, Instant salesEnd, EventStatus status, String failureReason,
                    @JsonIgnore String organizerId, @JsonIgnore EventPlan plan, String timeZone) {

    /** Seats of an event are stored in blocks of whole rows of about this many seats, one partition each. */
    static final int SEATS_PER_BLOCK = 1000;

    /** An event on sale from the beginning of time until its date, any pick allowed. */
    public Event(String id, String name, Instant date, int rows, int columns, String currency, List<PriceTier> prices,
                 int rowsPerBlock) {
        this(id, name, date, rows, columns, currency, prices, rowsPerBlock, SingleSeatRule.ALLOW, Instant.EPOCH, date);
    }

    /** An event of a rectangular hall in any status. */
    public Event(String id, String name, Instant date, int rows, int columns, String currency, List<PriceTier> prices,
                 int rowsPerBlock, SingleSeatRule singleSeatRule, Instant salesStart, Instant salesEnd,
                 EventStatus status, String failureReason, String organizerId) {
        this(id, name, date, rows, columns, currency, prices, rowsPerBlock, singleSeatRule, salesStart, salesEnd,
                status, failureReason, organizerId, null);
    }

    /** An event on sale (every seat written). */
    public Event(String id, String name, Instant date, int rows, int columns, String currency, List<PriceTier> prices,
                 int rowsPerBlock, SingleSeatRule singleSeatRule, Instant salesStart, Instant salesEnd) {
        this(id, name, date, rows, columns, currency, prices, rowsPerBlock, singleSeatRule, salesStart, salesEnd,
                EventStatus.ON_SALE, null, null);
    }

    /** An event on a plan (or not: {@code plan} null) with no time zone of its own (the stack's, EVENT_TIME_ZONE). */
    public Event(String id, String name, Instant date, int rows, int columns, String currency, List<PriceTier> prices,
                 int rowsPerBlock, SingleSeatRule singleSeatRule, Instant salesStart, Instant salesEnd,
                 EventStatus status, String failureReason, String organizerId, EventPlan plan) {
        this(id, name, date, rows, columns, currency, prices, rowsPerBlock, singleSeatRule, salesStart, salesEnd,
                status, failureReason, organizerId, plan, null);
    }

    /** The same event in another status of its creation. */
    public Event withStatus(EventStatus newStatus, String reason) {
        return new Event(id, name, date, rows, columns, currency, prices, rowsPerBlock, singleSeatRule, salesStart,
                salesEnd, newStatus, reason, organizerId, plan, timeZone);
    }

    /** The same event, belonging to the organiser {@code organizer}. */
    public Event organizedBy(String organizer) {
        return new Event(id, name, date, rows, columns, currency, prices, rowsPerBlock, singleSeatRule, salesStart,
                salesEnd, status, failureReason, organizer, plan, timeZone);
    }

    /**
     * The same event in time zone {@code zone} (an IANA region id, "Europe/Rome"; null: the stack's EVENT_TIME_ZONE):
     * where its date is shown and printed.
     */
    public Event inTimeZone(String zone) {
        return new Event(id, name, date, rows, columns, currency, prices, rowsPerBlock, singleSeatRule, salesStart,
                salesEnd, status, failureReason, organizerId, plan, zone);
    }

    /** The same event on this venue plan (its grid attached, or new category prices). */
    public Event withPlan(EventPlan newPlan) {
        return new Event(id, name, date, rows, columns, currency, prices, rowsPerBlock, singleSeatRule, salesStart,
                salesEnd, status, failureReason, organizerId, newPlan, timeZone);
    }

    /**
     * Where the event's seats are: its plan's grid, or the rectangle {@code rows x columns}. A 500-kind
     * {@link IllegalStateException} for a plan event read without its grid ({@code EventReader} attaches it).
     */
    public SeatLayout layout() {
        if (plan == null) {
            return new RectangleLayout(rows, columns);
        }
        if (plan.layout() == null) {
            throw new IllegalStateException("event " + id + " was read without its plan's grid");
        }
        return plan.layout();
    }

    /** The venue whose plan the event uses; null for a rectangle. */
    @JsonProperty("venueId")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String venueId() {
        return plan == null ? null : plan.venueId();
    }

    /** The plan version the event uses; null for a rectangle. */
    @JsonProperty("planVersion")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Integer planVersion() {
        return plan == null ? null : plan.version();
    }

    /** Each plan category's price; null for a rectangle (priced by rows: {@code prices}). */
    @JsonProperty("categoryPrices")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public List<CategoryPrice> categoryPrices() {
        return plan == null ? null : plan.categoryPrices();
    }

    /**
     * A 409 {@code event-not-on-sale} unless every seat of the event is written: until then nobody may hold a seat
     * (seat writes overwrite, which is only safe while no seat can be held) or see a map that is still filling.
     */
    public void requireOnSale() {
        if (status == EventStatus.ON_SALE) {
            return;
        }
        requireNotCancelled();
        throw new ConflictException("event-not-on-sale", "Event not on sale yet",
                "Event " + id + " is " + status + (status == EventStatus.FAILED
                        ? " (" + failureReason + "): its creation stopped; repeating POST /events with the same "
                        + "Idempotency-Key resumes it"
                        : ": its seats are still being written; GET /events/" + id + " shows when it is ON_SALE"),
                Map.of("eventId", id, "eventStatus", status.name()));
    }

    /**
     * A 409 {@code event-cancelled} when the event was cancelled: nothing of it is held, paid for or sold any more
     * (issue 21).
     */
    public void requireNotCancelled() {
        if (status == EventStatus.CANCELLED) {
            throw cancelled(id);
        }
    }

    /** The 409 {@code event-cancelled} of event {@code eventId}. */
    public static ConflictException cancelled(String eventId) {
        return new ConflictException("event-cancelled", "Event cancelled",
                "Event " + eventId + " was cancelled: nothing of it can be held, paid for or sold; GET /events/"
                        + eventId + " shows its refunds",
                Map.of("eventId", eventId, "eventStatus", EventStatus.CANCELLED.name()));
    }

    public static int rowsPerBlockFor(int columns) {
        return Math.max(1, SEATS_PER_BLOCK / columns);
    }

    public int seatCount() {
        return layout().seatCount();
    }

    public int blockOf(int row) {
        return (row - 1) / rowsPerBlock;
    }

    public int blockCount() {
        return blockOf(rows) + 1;
    }

    /** The seat's price: its category's on a plan, its row's in a rectangle. */
    public BigDecimal priceOf(SeatId seat) {
        if (plan == null) {
            return priceOf(seat.row());
        }
        String category = layout().placeOf(seat).category();
        return plan.priceOf(category).orElseThrow(
                () -> new IllegalStateException("category " + category + " of event " + id + " has no price"));
    }

    /** A rectangle's row price. */
    public BigDecimal priceOf(int row) {
        return prices.stream().filter(tier -> tier.covers(row)).findFirst()
                .map(PriceTier::price)
                .orElseThrow(() -> new IllegalStateException("row " + row + " of event " + id + " has no price"));
    }

    /** Whether the hall has a seat at this row and column (both from 1). */
    public boolean contains(int row, int column) {
        return layout().contains(row, column);
    }

    /** Whether seats of this event may be held and paid for at {@code now}: {@code salesStart <= now < salesEnd}. */
    public boolean salesOpenAt(Instant now) {
        return !now.isBefore(salesStart) && now.isBefore(salesEnd);
    }

    /**
     * Whether sales have ended at {@code now} ({@code salesEnd}, by default the event's start): from then on no sale
     * completes, whatever the payment grace (issue 21: sales end is final).
     */
    public boolean salesEndedAt(Instant now) {
        return !now.isBefore(salesEnd);
    }

    /** The next moment the answer of {@link #salesOpenAt} changes after {@code now}, {@link Instant#MAX} if never. */
    public Instant nextSalesChangeAfter(Instant now) {
        if (now.isBefore(salesStart)) {
            return salesStart;
        }
        return now.isBefore(salesEnd) ? salesEnd : Instant.MAX;
    }

    /** A 409 {@code sales-closed} naming the window, unless sales are open at {@code now}. */
    public void requireSalesOpen(Instant now) {
        if (salesOpenAt(now)) {
            return;
        }
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("eventId", id);
        window.put("salesStart", Instants.text(salesStart));
        window.put("salesEnd", Instants.text(salesEnd));
        throw new ConflictException("sales-closed", "Sales closed",
                now.isBefore(salesStart)
                        ? "Sales for this event open at " + Instants.text(salesStart)
                        : "Sales for this event closed at " + Instants.text(salesEnd),
                window);
    }
}
