package dev.ticketing.events;

import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.PriceTier;
import dev.ticketing.events.model.SalesReport;
import dev.ticketing.identity.Caller;
import dev.ticketing.input.Instants;
import dev.ticketing.orders.items.OrderReader;
import dev.ticketing.orders.model.OrderLine;
import dev.ticketing.orders.model.PlacedOrder;
import dev.ticketing.payments.items.PaymentReader;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.payments.model.PaymentStatus;
import dev.ticketing.seats.items.SeatBatches;
import dev.ticketing.seats.items.SeatItems.SoldState;
import dev.ticketing.seats.model.SeatStatus;
import dev.ticketing.store.Parallel;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The organiser's sales figures of an event (issue 21, item 6; docs/organiser-operations.md#the-sales-report):
 * {@code GET /events/{id}/report} and {@code GET /events/{id}/orders.csv}, for the event's organiser and admins only
 * ({@link EventOrganisers#require}: a 403 otherwise, a 404 for an unknown event).
 *
 * <p>Both are counted from the event's seats, read one block (~1,000 seats) at a time; a block's sold seats name
 * their payments, whose orders are read with batched gets, so memory holds one block whatever the size of the hall
 * and nothing needs an index by event. What a seat no longer names is not counted: a sale refunded whole while the
 * event had not started gave its seats back to sale, so it is in neither gross nor refunded (its net is zero).
 */
@Singleton
public class ReportSales {
    /** Blocks read at once: ~8,000 seats in memory, 8 queries in flight. */
    private static final int WINDOW = 8;

    /** The export's columns, in order. */
    static final List<String> CSV_HEADER = List.of("order", "buyer_name", "buyer_email", "seat", "row", "column",
            "price", "currency", "provider", "status", "ticket", "sold_at", "ordered_at");
    /** Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection). */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final EventReader events;
    private final SeatBatches seats;
    private final PaymentReader payments;
    private final OrderReader orders;
    private final Clock clock;

    public ReportSales(EventReader events, SeatBatches seats, PaymentReader payments, OrderReader orders, Clock clock) {
        this.events = events;
        this.seats = seats;
        this.payments = payments;
        this.orders = orders;
        this.clock = clock;
    }

    /** A sold seat with what bought it: {@code payment} and {@code order} null for a comp (or an order not found). */
    record SoldTicket(SoldState seat, Payment payment, PlacedOrder order, BigDecimal price) {
    }

    /** What writes the export once the caller was allowed: the caller's stream, written as it is read. */
    @FunctionalInterface
    public interface Export {
        void writeTo(Writer out) throws IOException;
    }

    /** The event's report; 404 for an unknown event, 403 for a caller who may not organise it. */
    public SalesReport report(Caller caller, String eventId) {
        Event event = events.get(eventId);
        EventOrganisers.require(caller, event);
        long now = clock.millis();
        Map<SeatStatus, Long> counts = new EnumMap<>(SeatStatus.class);
        long[] held = {0}, comps = {0};
        Set<String> countedPayments = new HashSet<>();
        Map<String, BigDecimal[]> byProvider = new TreeMap<>();
        BigDecimal[] total = {BigDecimal.ZERO, BigDecimal.ZERO};
        Map<PriceTier, long[]> tierTickets = new LinkedHashMap<>();
        Map<PriceTier, BigDecimal> tierAmounts = new LinkedHashMap<>();
        event.prices().forEach(tier -> {
            tierTickets.put(tier, new long[1]);
            tierAmounts.put(tier, BigDecimal.ZERO);
        });
        Map<LocalDate, long[]> dayTickets = new TreeMap<>();
        Map<LocalDate, BigDecimal> dayAmounts = new TreeMap<>();
        forEachBlock(event, block -> {
            for (SoldState seat : block.seats()) {
                SeatStatus status = seat.status() == SeatStatus.RESERVED && seat.expiresAtMillis() <= now
                        ? SeatStatus.AVAILABLE : seat.status();
                if (status == SeatStatus.RESERVED) {
                    held[0]++;
                } else if (status == SeatStatus.SOLD && seat.comp()) {
                    comps[0]++;
                } else {
                    counts.merge(status, 1L, Long::sum);
                }
            }
            for (SoldTicket ticket : block.sold()) {
                if (ticket.seat().comp()) {
                    continue;
                }
                Payment payment = ticket.payment();
                if (payment != null && countedPayments.add(payment.id())) {
                    BigDecimal refunded = refundedOf(payment);
                    BigDecimal[] money = byProvider.computeIfAbsent(payment.provider().name(),
                            provider -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                    money[0] = money[0].add(payment.amount());
                    money[1] = money[1].add(refunded);
                    total[0] = total[0].add(payment.amount());
                    total[1] = total[1].add(refunded);
                }
                event.prices().stream().filter(tier -> tier.covers(ticket.seat().id().row())).findFirst()
                        .ifPresent(tier -> {
                            tierTickets.get(tier)[0]++;
                            tierAmounts.merge(tier, ticket.price(), BigDecimal::add);
                        });
                if (ticket.seat().soldAt() != null) {
                    LocalDate day = LocalDate.ofInstant(Instants.parse(ticket.seat().soldAt()), ZoneOffset.UTC);
                    dayTickets.computeIfAbsent(day, d -> new long[1])[0]++;
                    dayAmounts.merge(day, ticket.price(), BigDecimal::add);
                }
            }
        });
        Map<String, SalesReport.Money> providers = new LinkedHashMap<>();
        byProvider.forEach((provider, money) -> providers.put(provider,
                new SalesReport.Money(money[0], money[1], money[0].subtract(money[1]))));
        List<SalesReport.Category> categories = event.prices().stream()
                .map(tier -> new SalesReport.Category(tier.fromRow(), tier.toRow(), tier.price(),
                        tierTickets.get(tier)[0], tierAmounts.get(tier)))
                .toList();
        List<SalesReport.Day> days = dayTickets.entrySet().stream()
                .map(day -> new SalesReport.Day(day.getKey(), day.getValue()[0], dayAmounts.get(day.getKey())))
                .toList();
        return new SalesReport(event.id(), event.currency(),
                new SalesReport.Seats(counts.getOrDefault(SeatStatus.AVAILABLE, 0L), held[0],
                        counts.getOrDefault(SeatStatus.SOLD, 0L), counts.getOrDefault(SeatStatus.BLOCKED, 0L), comps[0]),
                new SalesReport.Revenue(total[0], total[1], total[0].subtract(total[1]), providers, categories),
                days);
    }

    /**
     * Checks the caller now (404, 403 as {@link #report}) and returns what writes the event's sold tickets as CSV
     * (RFC 4180, a header line, then one line per sold seat, comps included with status COMP), block by block. A
     * buyer's name and e-mail are theirs to choose: a value a spreadsheet would run as a formula gets a leading
     * {@code '}.
     */
    public Export csv(Caller caller, String eventId) {
        Event event = events.get(eventId);
        EventOrganisers.require(caller, event);
        return out -> {
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180);
            printer.printRecord(CSV_HEADER);
            try {
                forEachBlock(event, block -> {
                    try {
                        for (SoldTicket ticket : block.sold()) {
                            printer.printRecord(line(event, ticket));
                        }
                        printer.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            printer.flush();
        };
    }

    private static List<String> line(Event event, SoldTicket ticket) {
        PlacedOrder order = ticket.order();
        Payment payment = ticket.payment();
        SoldState seat = ticket.seat();
        return List.of(
                order == null ? "" : order.code(),
                order == null || order.buyer() == null ? "" : cell(order.buyer().name()),
                order == null || order.buyer() == null ? "" : cell(order.buyer().email()),
                event.layout().idOf(seat.id()), Integer.toString(seat.id().row()), Integer.toString(seat.id().column()),
                ticket.price().toPlainString(), event.currency(),
                payment == null ? "" : payment.provider().name(),
                seat.comp() ? "COMP" : payment == null ? "" : payment.status().name(),
                Objects.requireNonNullElse(seat.ticketId(), ""),
                Objects.requireNonNullElse(seat.soldAt(), ""),
                order == null ? "" : Instants.text(order.createdAt()));
    }

    /** A text a spreadsheet shows as text: one starting like a formula gets a leading {@code '}. */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        return !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    private static BigDecimal refundedOf(Payment payment) {
        if (payment.refundedAmount() != null) {
            return payment.refundedAmount();
        }
        return payment.status() == PaymentStatus.REFUNDED ? payment.amount() : BigDecimal.ZERO;
    }

    /** One block's seats, and its sold ones with their payments and orders. */
    private record Block(List<SoldState> seats, List<SoldTicket> sold) {
    }

    /**
     * Hands each block, in row order, to {@code perBlock}. The blocks are read {@link #WINDOW} at a time in parallel
     * (each one a query and two batch reads that wait on the table, not the CPU): a 100,000-seat hall's first report
     * took 43 s one block after the other, over the API's 29 s. Memory holds one window whatever the hall's size.
     */
    private void forEachBlock(Event event, Consumer<Block> perBlock) {
        Parallel.inWindows(event.blockCount(), WINDOW, block -> read(event, block), perBlock);
    }

    private Block read(Event event, int block) {
        List<SoldState> blockSeats = seats.soldStates(event, block);
        List<SoldState> sold = blockSeats.stream().filter(seat -> seat.status() == SeatStatus.SOLD).toList();
        Map<String, Payment> paid = payments.findAll(sold.stream().map(SoldState::paymentId)
                .filter(Objects::nonNull).toList());
        Map<String, PlacedOrder> placed = orders.findAll(paid.values().stream().map(Payment::orderCode)
                .filter(Objects::nonNull).toList());
        List<SoldTicket> tickets = sold.stream().map(seat -> {
            Payment payment = seat.paymentId() == null ? null : paid.get(seat.paymentId());
            PlacedOrder order = payment == null || payment.orderCode() == null ? null : placed.get(payment.orderCode());
            return new SoldTicket(seat, payment, order, priceOf(event, seat, order));
        }).toList();
        return new Block(blockSeats, tickets);
    }

    /** The price paid: the order's line for the ticket; 0 for a comp; the row's price if no order names it. */
    private static BigDecimal priceOf(Event event, SoldState seat, PlacedOrder order) {
        if (seat.comp()) {
            return BigDecimal.ZERO;
        }
        if (order != null) {
            for (OrderLine line : order.lines()) {
                if (line.ticketId().equals(seat.ticketId())) {
                    return line.price();
                }
            }
        }
        return event.priceOf(seat.id());
    }
}
