package dev.ticketing.holds.items;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.config.TicketingConfig;
import dev.ticketing.holds.model.HeldSeat;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.store.Attr;
import dev.ticketing.store.Table;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ExpiryIndexTest {
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final HoldItems ITEMS =
            new HoldItems(new Table(null, new TicketingConfig("Ticketing", Duration.ofMinutes(10), 10, 1)));

    @Test
    void aHoldsShardIsFixedByItsIdAndOneOfEight() {
        assertThat(ExpiryIndex.shardOf("2b1f0c3e-6a43-4a57-9d59-0c0b0e5c1f11"))
                .as("the same on every call and JVM (String.hashCode is specified)")
                .isEqualTo(ExpiryIndex.shardOf("2b1f0c3e-6a43-4a57-9d59-0c0b0e5c1f11"));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            seen.add(ExpiryIndex.shardOf(UUID.randomUUID().toString()));
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ExpiryIndex.shards());
        assertThat(ExpiryIndex.shards()).hasSize(8).first().isEqualTo("ACTIVE#0");
    }

    @Test
    void onlyAnActiveHoldIsInTheExpiryIndex() {
        Map<String, AttributeValue> active = ITEMS.create(hold(HoldStatus.ACTIVE)).put().item();
        assertThat(Attr.str(active, ExpiryIndex.SHARD)).isEqualTo(ExpiryIndex.shardOf("h-1"));
        assertThat(Attr.num(active, ExpiryIndex.EXPIRES_AT)).isEqualTo(NOW.plusSeconds(600).toEpochMilli());
        for (HoldStatus ended : List.of(HoldStatus.RELEASED, HoldStatus.EXPIRED, HoldStatus.PAID)) {
            assertThat(ITEMS.create(hold(ended)).put().item()).doesNotContainKey(ExpiryIndex.SHARD);
        }
    }

    @Test
    void anIndexEntryNamesItsHold() {
        assertThat(ExpiryIndex.holdIdOf(HoldItems.metaKey("h-42"))).isEqualTo("h-42");
    }

    private static Hold hold(HoldStatus status) {
        return new Hold("h-1", "e-1", "alice", status, List.of(new HeldSeat("1-1", 1, 1, new BigDecimal("20.00"), "Row 1, Seat 1")),
                List.of(), new BigDecimal("20.00"), "EUR", NOW, NOW.plusSeconds(600));
    }
}
