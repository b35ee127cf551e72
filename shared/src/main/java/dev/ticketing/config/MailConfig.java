package dev.ticketing.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The order confirmation mail (docs/delivery.md):
 * <ul>
 *   <li>{@code MAIL_FROM}: the sender's address (template.yaml {@code MailFrom}, verified in SES); empty: no mail is
 *   sent (orders record why), for a deployment that has not set SES up yet;</li>
 *   <li>{@code EVENT_TIME_ZONE} (default {@code Europe/Rome}): the zone an event's date and time are printed in, as
 *   events do not carry one yet;</li>
 *   <li>{@code MAIL_REDRIVE_AFTER} (default {@code PT15M}): an order whose mail was neither sent nor given up this long
 *   after the sale is put on the queue again by reconciliation (the sale's crash window);</li>
 *   <li>{@code MAIL_RETRY_BASE} (default {@code PT30S}): the first retry's delay after a failed send, doubled each
 *   time up to {@code MAIL_RETRY_MAX} (default {@code PT15M});</li>
 *   <li>{@code ORDER_MAIL_QUEUE_URL}: the queue the mails are sent from; {@code SMTP_HOST}/{@code SMTP_PORT}: an SMTP
 *   server instead of SES (the local stack's).</li>
 * </ul>
 */
public record MailConfig(String from, ZoneId eventTimeZone, Duration redriveAfter, Duration retryBase,
                         Duration retryMax, Optional<String> queueUrl, Optional<String> smtpHost, int smtpPort) {
    public MailConfig {
        if (redriveAfter.isNegative() || redriveAfter.isZero()) {
            throw new IllegalArgumentException("MAIL_REDRIVE_AFTER must be positive");
        }
        if (retryBase.isNegative() || retryMax.compareTo(retryBase) < 0 || retryMax.compareTo(Duration.ofHours(12)) > 0) {
            throw new IllegalArgumentException("MAIL_RETRY_BASE must be 0..MAIL_RETRY_MAX, and MAIL_RETRY_MAX at most 12 hours (SQS's longest visibility timeout)");
        }
        if (smtpHost.isPresent() && (smtpPort < 1 || smtpPort > 65535)) {
            throw new IllegalArgumentException("SMTP_PORT must be 1..65535");
        }
    }

    /** True when a sender is configured: without one, no mail is sent. */
    public boolean enabled() {
        return from != null && !from.isBlank();
    }

    /** The delay before the {@code receiveCount}-th delivery's retry: the base doubled per earlier failure, capped. */
    public Duration retryDelay(int receiveCount) {
        int doublings = Math.max(0, Math.min(receiveCount - 1, 20));
        Duration delay = retryBase.multipliedBy(1L << doublings);
        return delay.compareTo(retryMax) > 0 ? retryMax : delay;
    }
}
