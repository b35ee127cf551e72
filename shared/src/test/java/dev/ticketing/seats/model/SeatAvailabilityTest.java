package dev.ticketing.seats.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.config.TicketingConfig;
import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.PriceTier;
import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.seats.items.SeatItems;
import dev.ticketing.store.Table;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.Update;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SeatAvailabilityTest {
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final Event EVENT = new Event("e-1", "Jazz", NOW.plusSeconds(86_400), 2, 2, "EUR",
            List.of(new PriceTier(1, 2, new BigDecimal("20.00"))), 2);

    @Test
    void aReservationReadsAvailableTheInstantItExpires() {
        long now = NOW.toEpochMilli();
        assertThat(SeatAvailability.visibleStatus(SeatStatus.RESERVED, now + 1, NOW)).isEqualTo(SeatStatus.RESERVED);
        assertThat(SeatAvailability.visibleStatus(SeatStatus.RESERVED, now, NOW)).isEqualTo(SeatStatus.AVAILABLE);
        assertThat(SeatAvailability.visibleStatus(SeatStatus.SOLD, 0, NOW)).isEqualTo(SeatStatus.SOLD);
    }

    @Test
    void theWriteConditionUsesTheSameRuleAsTheRead() {
        Update take = new SeatItems(new Table(null, new TicketingConfig("Ticketing", Duration.ofMinutes(10), 10, 1)))
                .take(EVENT, new SeatId(1, 1), "h-1", "t-1", "alice", NOW.plusSeconds(600), NOW).update();
        assertThat(take.conditionExpression()).isEqualTo(SeatItems.HOLDABLE);
        assertThat(SeatItems.HOLDABLE).contains("expires_at <= :now");
        assertThat(take.expressionAttributeValues().get(":now").n()).isEqualTo(Long.toString(NOW.toEpochMilli()));
    }

    @Test
    void seatIdsAreRowDashColumn() {
        assertThat(SeatId.parse("12-7")).isEqualTo(new SeatId(12, 7));
        assertThat(new SeatId(3, 14).toString()).isEqualTo("3-14");
        assertThat(SeatItems.sortKey(new SeatId(3, 14))).isEqualTo("SEAT#003#014");
        for (String bad : new String[]{"", "0-1", "1-0", "a-1", "1-1-1", "-1-2", "1", null}) {
            assertThatThrownBy(() -> SeatId.parse(bad)).isInstanceOf(InvalidRequestException.class);
        }
    }
}
