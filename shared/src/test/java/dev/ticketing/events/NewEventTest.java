package dev.ticketing.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.problems.InvalidRequestException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewEventTest {
    private static final List<NewEvent.Price> ALL_ROWS = List.of(new NewEvent.Price(1, 2, "49"), new NewEvent.Price(3, 10, "19.5"));

    @Test
    void aValidEventGetsAnIdAndPricesInTheCurrencysScale() {
        Event event = new NewEvent(" Gala ", "2027-01-01T21:00:00+01:00", 10, 20, "EUR", ALL_ROWS).validate();

        assertThat(event.id()).isNotBlank();
        assertThat(event.name()).isEqualTo("Gala");
        assertThat(event.date()).isEqualTo(Instant.parse("2027-01-01T20:00:00Z"));
        assertThat(event.priceOf(1)).isEqualTo(new BigDecimal("49.00"));
        assertThat(event.priceOf(10).toPlainString()).isEqualTo("19.50");
        assertThat(event.seatCount()).isEqualTo(200);
    }

    @Test
    void everyRowMustBePricedExactlyOnce() {
        assertThatThrownBy(() -> new NewEvent("A", "2027-01-01T20:00:00Z", 10, 2, "EUR",
                List.of(new NewEvent.Price(1, 5, "1.00"))).validate())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("rows 6..10 have no price");
        assertThatThrownBy(() -> new NewEvent("A", "2027-01-01T20:00:00Z", 10, 2, "EUR",
                List.of(new NewEvent.Price(1, 5, "1.00"), new NewEvent.Price(5, 10, "1.00"))).validate())
                .hasMessageContaining("overlap");
        assertThatThrownBy(() -> new NewEvent("A", "2027-01-01T20:00:00Z", 10, 2, "EUR",
                List.of(new NewEvent.Price(1, 4, "1.00"), new NewEvent.Price(6, 10, "1.00"))).validate())
                .hasMessageContaining("rows 5..5 have no price");
    }

    @Test
    void sizesAndMoneyAreChecked() {
        assertThatThrownBy(() -> new NewEvent("A", "2027-01-01T20:00:00Z", 501, 1, "EUR", ALL_ROWS).validate())
                .hasMessageContaining("rows must be 1..500");
        assertThatThrownBy(() -> new NewEvent("A", "2027-01-01T20:00:00Z", 10, 20, "JPY",
                List.of(new NewEvent.Price(1, 10, "100.5"))).validate())
                .hasMessageContaining("more decimals than JPY");
        assertThatThrownBy(() -> new NewEvent("A", "2027-01-01T20:00:00Z", 10, 20, "EUR",
                List.of(new NewEvent.Price(1, 10, "-1"))).validate())
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> new NewEvent("A", "2027-01-01", 10, 20, "EUR", ALL_ROWS).validate())
                .hasMessageContaining("ISO-8601");
    }

    @Test
    void seatsAreStoredInBlocksOfWholeRows() {
        Event wide = new NewEvent("A", "2027-01-01T20:00:00Z", 100, 200, "EUR",
                List.of(new NewEvent.Price(1, 100, "1.00"))).validate();

        assertThat(wide.rowsPerBlock()).isEqualTo(5);
        assertThat(wide.blockCount()).isEqualTo(20);
        assertThat(wide.blockOf(5)).isZero();
        assertThat(wide.blockOf(6)).isEqualTo(1);
    }
}
