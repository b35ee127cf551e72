package dev.ticketing.seats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.problems.InvalidRequestException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SeatAvailabilityTest {
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void aReservationReadsAvailableTheInstantItExpires() {
        long now = NOW.toEpochMilli();
        assertThat(SeatAvailability.visibleStatus(SeatStatus.RESERVED, now + 1, NOW)).isEqualTo(SeatStatus.RESERVED);
        assertThat(SeatAvailability.visibleStatus(SeatStatus.RESERVED, now, NOW)).isEqualTo(SeatStatus.AVAILABLE);
        assertThat(SeatAvailability.visibleStatus(SeatStatus.SOLD, 0, NOW)).isEqualTo(SeatStatus.SOLD);
    }

    @Test
    void theWriteConditionUsesTheSameRuleAsTheRead() {
        assertThat(SeatAvailability.HOLDABLE).contains("expires_at <= :now");
        assertThat(SeatAvailability.holdableValues(NOW).get(":now").n()).isEqualTo(Long.toString(NOW.toEpochMilli()));
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
