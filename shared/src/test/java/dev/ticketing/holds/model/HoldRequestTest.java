package dev.ticketing.holds.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.PriceTier;
import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.problems.LimitExceededException;
import dev.ticketing.seats.model.SeatId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HoldRequestTest {
    private static final Event EVENT = new Event("e1", "Show", Instant.EPOCH, 5, 5, "EUR",
            List.of(new PriceTier(1, 5, BigDecimal.TEN)), 5);

    @Test
    void seatsComeBackParsedInRowOrder() {
        assertThat(HoldRequest.ofSeats(List.of("2-3", "1-5")).seatsOf(EVENT, 10))
                .containsExactly(new SeatId(1, 5), new SeatId(2, 3));
    }

    @Test
    void emptyDuplicateUnknownAndTooManySeatsAreRefused() {
        assertThatThrownBy(() -> HoldRequest.ofSeats(List.of()).seatsOf(EVENT, 10)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> HoldRequest.ofSeats(null).seatsOf(EVENT, 10)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> HoldRequest.ofSeats(List.of("1-1", "1-1")).seatsOf(EVENT, 10))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("repeated: 1-1");
        assertThatThrownBy(() -> HoldRequest.ofSeats(List.of("6-1")).seatsOf(EVENT, 10))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("6-1");
        assertThatThrownBy(() -> HoldRequest.ofSeats(List.of("1-1", "1-2", "1-3")).seatsOf(EVENT, 2))
                .isInstanceOf(LimitExceededException.class);
    }

    @Test
    void aQuantityMustBePositiveWithinTheLimitAndNotMixedWithSeatIds() {
        assertThat(new HoldRequest(null, 2, true).byQuantity()).isTrue();
        assertThat(new HoldRequest(null, 2, true).quantity(10)).isEqualTo(2);
        assertThatThrownBy(() -> new HoldRequest(null, 0, true).quantity(10)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new HoldRequest(null, 11, null).quantity(10)).isInstanceOf(LimitExceededException.class);
        assertThatThrownBy(() -> new HoldRequest(List.of("1-1"), 1, null).seatsOf(EVENT, 10))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not both");
    }
}
