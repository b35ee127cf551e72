package dev.ticketing.events;

import static dev.ticketing.events.BlockSeatsIT.ORGANISER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.audit.ListAuditEntries;
import dev.ticketing.audit.model.AuditAction;
import dev.ticketing.audit.model.AuditEntry;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.NewEvent;
import dev.ticketing.events.model.NewPrices;
import dev.ticketing.events.model.PriceTier;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.seats.map.SeatMapReader;
import dev.ticketing.testing.BoxOffice;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Repricing ({@link RepriceSeats}) against DynamoDB Local: unsold seats of the named rows get the new price (the map,
 * the next hold), a seat held before keeps the price its hold was made at, rows not named keep theirs, and the
 * change is in the audit trail; a wrong currency or a bad price changes nothing.
 */
class RepriceSeatsIT {
    @RegisterExtension
    final BoxOffice office = new BoxOffice();
    private final RepriceSeats prices = office.bean(RepriceSeats.class);

    @Test
    void unsoldSeatsOfTheNamedRowsTakeTheNewPriceWhileAHeldSeatKeepsItsOwn() {
        Event event = office.newEvent(3, 2);
        Hold before = office.hold("alice", event, "1-1");

        Event repriced = prices.reprice(ORGANISER, event.id(), new NewPrices("EUR", List.of(price(1, 1, "35.00"))));

        assertThat(repriced.prices()).containsExactly(new PriceTier(1, 1, new BigDecimal("35.00")),
                new PriceTier(2, 3, new BigDecimal("20.00")));
        assertThat(office.bean(EventReader.class).current(event.id()).orElseThrow().prices()).isEqualTo(repriced.prices());
        assertThat(office.bean(HoldReader.class).load(before.id()).orElseThrow().hold().amount())
                .isEqualByComparingTo("20.00");
        assertThat(office.hold("bob", event, "1-2").amount()).isEqualByComparingTo("35.00");
        assertThat(office.hold("carol", event, "2-1").amount()).isEqualByComparingTo("20.00");
        assertThat(office.bean(SeatMapReader.class).read(event.id()).seats())
                .filteredOn(seat -> seat.row() == 1).extracting(seat -> seat.price().toPlainString())
                .containsOnly("35.00");
        AuditEntry entry = office.bean(ListAuditEntries.class).page(ORGANISER, event.id(), 10, null).items().get(0);
        assertThat(entry.action()).isEqualTo(AuditAction.REPRICE);
        assertThat(entry.before()).isEqualTo(Map.of("currency", "EUR",
                "prices", List.of(Map.of("fromRow", 1, "toRow", 3, "price", "20.00"))));
        assertThat(entry.after()).isEqualTo(Map.of("currency", "EUR", "prices", List.of(
                Map.of("fromRow", 1, "toRow", 1, "price", "35.00"), Map.of("fromRow", 2, "toRow", 3, "price", "20.00"))));
    }

    @Test
    void aWrongCurrencyANegativeOrOverlappingPriceIsRefusedAndChangesNothing() {
        Event event = office.newEvent(3, 2);

        assertThatThrownBy(() -> prices.reprice(ORGANISER, event.id(), new NewPrices("USD", List.of(price(1, 1, "35.00")))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("currency must be the event's, EUR");
        assertThatThrownBy(() -> prices.reprice(ORGANISER, event.id(), new NewPrices("EUR", List.of(price(1, 1, "-5.00")))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> prices.reprice(ORGANISER, event.id(),
                new NewPrices("EUR", List.of(price(1, 2, "30.00"), price(2, 3, "25.00")))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("overlap at row 2");
        assertThatThrownBy(() -> prices.reprice(ORGANISER, event.id(), new NewPrices("EUR", List.of(price(3, 4, "30.00")))))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> prices.reprice(ORGANISER, event.id(), new NewPrices("EUR", List.of(price(1, 1, "30.001")))))
                .isInstanceOf(InvalidRequestException.class);

        assertThat(office.bean(EventReader.class).current(event.id()).orElseThrow().prices()).isEqualTo(event.prices());
        assertThat(office.bean(ListAuditEntries.class).page(ORGANISER, event.id(), 10, null).items()).isEmpty();
    }

    private static NewEvent.Price price(int fromRow, int toRow, String price) {
        return new NewEvent.Price(fromRow, toRow, price);
    }
}
