package dev.ticketing.config;

import java.time.Duration;

/**
 * The times of the payment flow (ISO-8601 durations):
 * <ul>
 *   <li>{@code PAYMENT_GRACE} (default {@code PT5M}): starting a payment extends the hold once by this much, for
 *   the time the buyer spends at the provider; restarting payments does not extend it again;</li>
 *   <li>{@code CAPTURE_WINDOW} (default {@code PT2M}): when the buyer approves and the hold ends sooner (or has
 *   ended), its seats are taken back for this long, if nobody else has them, before any money is taken;</li>
 *   <li>{@code RECONCILE_AFTER} (default {@code PT5M}): a payment still PENDING this long after it started (or after
 *   its last reconciliation) is settled by asking the provider;</li>
 *   <li>{@code PROVIDER_CHECK_INTERVAL} (default {@code PT5S}): the API asks the provider about one payment at most
 *   once per this interval, however often buyers poll it.</li>
 * </ul>
 */
public record PaymentTiming(Duration paymentGrace, Duration captureWindow, Duration reconcileAfter,
                            Duration providerCheckInterval) {
    public static final PaymentTiming DEFAULTS =
            new PaymentTiming(Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofSeconds(5));

    public PaymentTiming {
        requireBetween("PAYMENT_GRACE", paymentGrace, Duration.ZERO, Duration.ofMinutes(30));
        requireBetween("CAPTURE_WINDOW", captureWindow, Duration.ofSeconds(10), Duration.ofMinutes(15));
        requireBetween("RECONCILE_AFTER", reconcileAfter, Duration.ZERO, Duration.ofHours(24));
        requireBetween("PROVIDER_CHECK_INTERVAL", providerCheckInterval, Duration.ZERO, Duration.ofMinutes(5));
    }

    private static void requireBetween(String name, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", not " + value);
        }
    }
}
