package dev.ticketing.local.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScheduleExpressionsTest {

    @Test
    void eventBridgeRatesAndLocalIsoIntervals() {
        assertThat(ScheduleExpressions.interval("rate(1 minute)")).isEqualTo(Duration.ofMinutes(1));
        assertThat(ScheduleExpressions.interval("rate(5 minutes)")).isEqualTo(Duration.ofMinutes(5));
        assertThat(ScheduleExpressions.interval("rate(2 hours)")).isEqualTo(Duration.ofHours(2));
        assertThat(ScheduleExpressions.interval("rate(1 day)")).isEqualTo(Duration.ofDays(1));
        assertThat(ScheduleExpressions.interval("PT30S")).isEqualTo(Duration.ofSeconds(30));
        assertThat(ScheduleExpressions.interval("PT0.5S")).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void cronAndNonsenseAreRefused() {
        assertThatThrownBy(() -> ScheduleExpressions.interval("cron(0 12 * * ? *)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScheduleExpressions.interval("rate(0 minutes)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScheduleExpressions.interval("PT0S")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScheduleExpressions.interval("every minute")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aScheduledEventLooksLikeEventBridgesOwn() {
        var event = LocalScheduler.event("ticketing-ExpiredHoldSweepFunctionSweep");
        assertThat(event.getDetailType()).isEqualTo("Scheduled Event");
        assertThat(event.getSource()).isEqualTo("aws.events");
        assertThat(event.getResources()).containsExactly("arn:aws:events:us-east-1:000000000000:rule/ticketing-ExpiredHoldSweepFunctionSweep");
    }
}
