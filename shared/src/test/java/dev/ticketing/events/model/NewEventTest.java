package dev.ticketing.events.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.problems.InvalidRequestException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewEventTest {
    private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    private static final List<NewEvent.Price> ALL_ROWS = List.of(new NewEvent.Price(1, 2, "49"), new NewEvent.Price(3, 10, "19.5"));

    @Test
    void aValidEventGetsAnIdAndPricesInTheCurrencysScale() {
        Event event = new NewEvent(" Gala ", "2027-01-01T21:00:00+01:00", 10, 20, "EUR", ALL_ROWS).validate(NOW);

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
                List.of(new NewEvent.Price(1, 5, "1.00"))).validate(NOW))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("rows 6..10 have no price");
        assertThatThrownBy(() -> new NewEvent("A", "2027-01-01T20:00:00Z", 10, 2, "EUR",
                List.of(new NewEvent.Price(1, 5, "1.00"), new NewEvent.Price(5, 10, "1.00"))).validate(NOW))
                .hasMessageContaining("overlap");
        assertThatThrownBy(() -> new NewEvent("A", "2027-01-01T20:00:00Z", 10, 2, "EUR",
                List.of(new NewEvent.Price(1, 4, "1.00"), new NewEvent.Price(6, 10, "1.00"))).validate(NOW))
                .hasMessageContaining("rows 5..5 have no price");
    }

    @Test
    void sizesAndMoneyAreChecked() {
        assertThatThrownBy(() -> new NewEvent("A", "2027-01-01T20:00:00Z", 501, 1, "EUR", ALL_ROWS).validate(NOW))
                .hasMessageContaining("rows must be 1..500");
        assertThatThrownBy(() -> new NewEvent("A", "2027-01-01T20:00:00Z", 10, 20, "JPY",
                List.of(new NewEvent.Price(1, 10, "100.5"))).validate(NOW))
                .hasMessageContaining("more decimals than JPY");
        assertThatThrownBy(() -> new NewEvent("A", "2027-01-01T20:00:00Z", 10, 20, "EUR",
                List.of(new NewEvent.Price(1, 10, "-1"))).validate(NOW))
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> new NewEvent("A", "2027-01-01", 10, 20, "EUR", ALL_ROWS).validate(NOW))
                .hasMessageContaining("ISO-8601");
    }

    @Test
    void seatsAreStoredInBlocksOfWholeRows() {
        Event wide = new NewEvent("A", "2027-01-01T20:00:00Z", 100, 200, "EUR",
                List.of(new NewEvent.Price(1, 100, "1.00"))).validate(NOW);

        assertThat(wide.rowsPerBlock()).isEqualTo(5);
        assertThat(wide.blockCount()).isEqualTo(20);
        assertThat(wide.blockOf(5)).isZero();
        assertThat(wide.blockOf(6)).isEqualTo(1);
    }

    @Test
    void salesRunFromCreationUntilTheEventByDefaultAndAnyPickIsAllowed() {
        Event event = new NewEvent("A", "2027-01-01T20:00:00Z", 10, 20, "EUR", ALL_ROWS).validate(NOW);

        assertThat(event.salesStart()).isEqualTo(NOW);
        assertThat(event.salesEnd()).isEqualTo(Instant.parse("2027-01-01T20:00:00Z"));
        assertThat(event.singleSeatRule()).isEqualTo(SingleSeatRule.ALLOW);
        assertThat(event.salesOpenAt(NOW)).isTrue();
        assertThat(event.salesOpenAt(NOW.minusMillis(1))).isFalse();
        assertThat(event.salesOpenAt(event.date())).as("the end is exclusive").isFalse();
    }

    @Test
    void takesAnExplicitSalesWindowAndSingleSeatRule() {
        Event event = new NewEvent("A", "2027-01-01T20:00:00Z", 10, 20, "EUR", ALL_ROWS, "forbid",
                "2026-12-01T10:00:00Z", "2027-01-01T18:00:00Z").validate(NOW);

        assertThat(event.singleSeatRule()).isEqualTo(SingleSeatRule.FORBID);
        assertThat(event.salesOpenAt(NOW)).isFalse();
        assertThat(event.nextSalesChangeAfter(NOW)).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(event.salesOpenAt(Instant.parse("2026-12-24T10:00:00Z"))).isTrue();
    }

    @Test
    void refusesAPastDateAWindowThatCannotSellAndAnUnknownRule() {
        assertThatThrownBy(() -> new NewEvent("A", "2001-09-01T20:00:00Z", 10, 20, "EUR", ALL_ROWS).validate(NOW))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("in the past");
        assertThatThrownBy(() -> new NewEvent("A", "2027-01-01T20:00:00Z", 10, 20, "EUR", ALL_ROWS, null,
                "2026-12-10T00:00:00Z", "2026-12-01T00:00:00Z").validate(NOW))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("before salesEnd");
        assertThatThrownBy(() -> new NewEvent("A", "2027-01-01T20:00:00Z", 10, 20, "EUR", ALL_ROWS, null,
                null, "2027-01-02T00:00:00Z").validate(NOW))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("after the event's date");
        assertThatThrownBy(() -> new NewEvent("A", "2027-01-01T20:00:00Z", 10, 20, "EUR", ALL_ROWS, null,
                "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z").validate(NOW))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("in the past");
        assertThatThrownBy(() -> new NewEvent("A", "2027-01-01T20:00:00Z", 10, 20, "EUR", ALL_ROWS, "never",
                null, null).validate(NOW))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("singleSeatRule");
        assertThatThrownBy(() -> new NewEvent("A", "2027-01-01T20:00:00Z", 10, 20, "EUR", ALL_ROWS, null,
                "soon", null).validate(NOW))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("salesStart");
    }

    @Test
    void pricesAreAsciiDecimalsAndNeverANegativeZero() {
        for (String price : new String[]{"\uFF11\uFF10", "\u0661\u0660", "-0.00", "-0", "1e3", "+5", ".5", "5.", "10,00", " 10", "0x10"}) {
            assertThatThrownBy(() -> new NewEvent("A", "2027-01-01T20:00:00Z", 1, 2, "EUR",
                    List.of(new NewEvent.Price(1, 1, price))).validate(NOW))
                    .as(price).isInstanceOf(InvalidRequestException.class).hasMessageContaining("price");
        }
        assertThat(new NewEvent("A", "2027-01-01T20:00:00Z", 1, 2, "EUR", List.of(new NewEvent.Price(1, 1, "10")))
                .validate(NOW).priceOf(1)).isEqualTo(new BigDecimal("10.00"));
    }

    @Test
    void datesLieBetween2000AndTenYearsAhead() {
        for (String date : new String[]{"1970-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
                "2037-01-01T00:00:00Z", "\uFF12026-12-24T20:30:00Z"}) {
            assertThatThrownBy(() -> new NewEvent("A", date, 1, 2, "EUR", List.of(new NewEvent.Price(1, 1, "1")))
                    .validate(NOW)).as(date).isInstanceOf(InvalidRequestException.class).hasMessageContaining("date");
        }
        assertThatThrownBy(() -> new NewEvent("A", "2027-01-01T20:00:00Z", 1, 2, "EUR", List.of(new NewEvent.Price(1, 1, "1")),
                null, "1970-01-01T00:00:00Z", null).validate(NOW))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("salesStart");
        assertThat(new NewEvent("A", "2036-10-01T00:00:00Z", 1, 2, "EUR", List.of(new NewEvent.Price(1, 1, "1")))
                .validate(NOW).date()).isEqualTo(Instant.parse("2036-10-01T00:00:00Z"));
    }

    @Test
    void aNameIsCountedInCharactersAsAPersonCountsThem() {
        String emoji = "\uD83C\uDFAD"; // one character, two UTF-16 units
        assertThat(new NewEvent(emoji.repeat(101), "2027-01-01T20:00:00Z", 1, 2, "EUR",
                List.of(new NewEvent.Price(1, 1, "1"))).validate(NOW).name()).hasSize(202);
        assertThat(new NewEvent(emoji.repeat(200), "2027-01-01T20:00:00Z", 1, 2, "EUR",
                List.of(new NewEvent.Price(1, 1, "1"))).validate(NOW).name().codePointCount(0, 400)).isEqualTo(200);
        assertThatThrownBy(() -> new NewEvent(emoji.repeat(201), "2027-01-01T20:00:00Z", 1, 2, "EUR",
                List.of(new NewEvent.Price(1, 1, "1"))).validate(NOW))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("at most 200 characters");
    }
}
