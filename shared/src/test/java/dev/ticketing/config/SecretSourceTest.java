package dev.ticketing.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretSourceTest {
    private final TestClock clock = new TestClock();
    private final List<String> fetched = new ArrayList<>();
    private final SecretSource secrets = new SecretSource(clock, name -> {
        fetched.add(name);
        return "value-of-" + name + "-" + fetched.size();
    });

    @Test
    void aValueGivenDirectlyIsUsedAndNothingIsFetched() {
        assertThat(secrets.resolve("local-secret", "prod/paypal")).contains("local-secret");
        assertThat(secrets.resolve(null, null)).isEmpty();
        assertThat(fetched).isEmpty();
    }

    @Test
    void aNamedSecretIsFetchedOnceAndAgainOnlyAfterItsCacheTime() {
        assertThat(secrets.resolve(null, "prod/paypal")).contains("value-of-prod/paypal-1");
        assertThat(secrets.resolve("", "prod/paypal")).contains("value-of-prod/paypal-1");
        assertThat(fetched).hasSize(1);

        clock.advance(SecretSource.CACHE_FOR.plus(Duration.ofSeconds(1)));
        assertThat(secrets.resolve(null, "prod/paypal")).contains("value-of-prod/paypal-2");
    }
}
