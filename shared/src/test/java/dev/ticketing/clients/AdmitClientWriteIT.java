package dev.ticketing.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.problems.TooManyRequestsException;
import dev.ticketing.testing.DataLayer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The per-client token bucket on the write routes (defaults: 6 in a row, one more every 15 s), kept in DynamoDB by
 * conditional writes only: exact under concurrency, refilled by the injected clock, an IPv6 client counted by its /64.
 */
class AdmitClientWriteIT {
    private final DataLayer store = new DataLayer();
    private final AdmitClientWrite admission = store.bean(AdmitClientWrite.class);

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void aClientMakesSixWritesInARowThenOneEveryFifteenSeconds() {
        for (int i = 1; i <= 6; i++) {
            admission.admit("203.0.113.7");
        }
        assertThatThrownBy(() -> admission.admit("203.0.113.7"))
                .isInstanceOfSatisfying(TooManyRequestsException.class, refused -> {
                    assertThat(refused.type()).isEqualTo("client-rate-limit");
                    assertThat(refused.retryAfterSeconds()).contains("15");
                });
        admission.admit("203.0.113.8");

        store.clock.advance(Duration.ofSeconds(15));
        admission.admit("203.0.113.7");
        assertThatThrownBy(() -> admission.admit("203.0.113.7")).isInstanceOf(TooManyRequestsException.class);

        store.clock.advance(Duration.ofMinutes(2));
        for (int i = 1; i <= 6; i++) {
            admission.admit("203.0.113.7");
        }
        assertThatThrownBy(() -> admission.admit("203.0.113.7")).as("a quiet spell fills the bucket, no more")
                .isInstanceOf(TooManyRequestsException.class);
    }

    @Test
    void concurrentWritesOfOneClientPassNoMoreThanTheBucketHolds() throws Exception {
        int attempts = 20;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        List<Boolean> admitted = new ArrayList<>();
        try {
            CyclicBarrier start = new CyclicBarrier(attempts);
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                answers.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        admission.admit("198.51.100.1");
                        return true;
                    } catch (TooManyRequestsException refused) {
                        return false;
                    }
                }));
            }
            for (Future<Boolean> answer : answers) {
                admitted.add(answer.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        // the real clock runs during the race: at most one token can come back meanwhile on a slow machine
        assertThat(admitted).filteredOn(Boolean::booleanValue).hasSizeBetween(6, 7);
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() {
        assertThat(AdmitClientWrite.clientOf("2001:db8:1:2:aaaa::1")).isEqualTo(AdmitClientWrite.clientOf("2001:db8:1:2::ffff"));
        assertThat(AdmitClientWrite.clientOf("2001:db8:1:2::1")).isNotEqualTo(AdmitClientWrite.clientOf("2001:db8:1:3::1"));
        assertThat(AdmitClientWrite.clientOf("192.0.2.1")).isEqualTo("192.0.2.1");
        for (int i = 0; i < 6; i++) {
            admission.admit("2001:db8:1:2::" + Integer.toHexString(i + 1));
        }
        assertThatThrownBy(() -> admission.admit("2001:db8:1:2::ffff")).as("another address of the same /64")
                .isInstanceOf(TooManyRequestsException.class);
        admission.admit("2001:db8:1:3::1");
    }
}
