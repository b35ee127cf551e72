package dev.ticketing.delivery;

import dev.ticketing.config.MailConfig;
import dev.ticketing.delivery.documents.ConfirmationMail;
import dev.ticketing.delivery.mail.MailNotSentException;
import dev.ticketing.delivery.mail.MailSender;
import dev.ticketing.delivery.model.MailMessage;
import dev.ticketing.orders.items.OrderItems;
import dev.ticketing.orders.items.OrderReader;
import dev.ticketing.orders.model.PlacedOrder;
import dev.ticketing.store.Table;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sends an order's confirmation mail once (docs/delivery.md). The order item records the send, conditionally:
 * <ol>
 *   <li>a mail already recorded as sent is not sent again;</li>
 *   <li>a sender first <b>claims</b> the mail on the order (a conditional write: not sent, no live claim), so of two
 *   deliveries of the same message, or a message and the outbox's re-drive, one sends and the other waits;</li>
 *   <li>the mail is written (PDF, calendar entry) and handed to the mail service;</li>
 *   <li>the send is <b>recorded</b> under the claim (when, the service's id), which also takes the order out of the
 *   outbox. A failed send records the failure and lets go of the claim, and the message is tried again.</li>
 * </ol>
 * What no store can close: a sender that dies (or whose claim runs out, {@link #CLAIM}) after the service took the
 * mail and before step 4 leaves the mail unrecorded, and it is sent again: at least once, exactly once unless a
 * crash falls in that window. The mail's {@code Message-ID} is the order's, so such a second mail is the same mail.
 */
@Singleton
public class SendOrderMail {
    /** What became of a send. */
    public enum Outcome {
        /** Sent now and recorded. */
        SENT,
        /** Recorded as sent before: nothing done. */
        ALREADY_SENT,
        /** Another sender holds it now: try again after a while (it may die before sending). */
        BUSY,
        /** No such order: nothing will ever be sent. */
        NO_ORDER,
        /** The order has no address, or no sender is configured: recorded on the order, nothing sent. */
        NOT_SENDABLE
    }

    /** How long a claim holds: one PDF and one send (the SMTP client's and SES's timeouts are far shorter). */
    static final Duration CLAIM = Duration.ofMinutes(2);
    private static final Logger LOG = LoggerFactory.getLogger(SendOrderMail.class);

    private final Table table;
    private final OrderReader orders;
    private final OrderDocuments documents;
    private final MailSender sender;
    private final MailConfig config;
    private final Clock clock;
    private final OrderItems items;

    public SendOrderMail(Table table, OrderReader orders, OrderDocuments documents, MailSender sender,
                         MailConfig config, Clock clock) {
        this.table = table;
        this.orders = orders;
        this.documents = documents;
        this.sender = sender;
        this.config = config;
        this.clock = clock;
        this.items = new OrderItems(table);
    }

    /**
     * Sends order {@code code}'s confirmation mail unless it was sent. Throws {@link MailNotSentException} when the
     * mail service did not take it (recorded on the order; to be tried again).
     */
    public Outcome send(String code) {
        Optional<PlacedOrder> found = orders.find(code);
        if (found.isEmpty()) {
            return Outcome.NO_ORDER;
        }
        PlacedOrder order = found.get();
        if (order.mail().sent()) {
            return Outcome.ALREADY_SENT;
        }
        if (!config.enabled() || order.buyer() == null) {
            String reason = order.buyer() == null ? "the order has no buyer to send it to"
                    : "no sender is configured (MAIL_FROM)";
            table.writeAlone(items.mailAbandoned(code, reason));
            LOG.warn("order {}'s mail is not sent: {}", code, reason);
            return Outcome.NOT_SENDABLE;
        }
        String claim = UUID.randomUUID().toString();
        long now = clock.millis();
        if (!table.writeAlone(items.claimMail(code, claim, now, now + CLAIM.toMillis()))) {
            return orders.find(code).map(again -> again.mail().sent()).orElse(false) ? Outcome.ALREADY_SENT : Outcome.BUSY;
        }
        String messageId;
        try {
            MailMessage mail = ConfirmationMail.of(documents.of(order), config.from(), order.buyer().email(), clock.instant());
            messageId = sender.send(mail);
        } catch (RuntimeException e) {
            release(code, claim, e);
            throw e instanceof MailNotSentException notSent ? notSent
                    : new MailNotSentException("order " + code + "'s mail could not be written: " + e, e);
        }
        if (!table.writeAlone(items.mailSent(code, claim, clock.instant(), messageId))) {
            LOG.warn("order {}'s mail was sent ({}) but its claim ran out before the send was recorded: it may be sent "
                    + "again", code, messageId);
        }
        LOG.info("order {}'s mail sent: {}", code, messageId);
        return Outcome.SENT;
    }

    private void release(String code, String claim, RuntimeException failure) {
        try {
            table.writeAlone(items.mailFailed(code, claim, failure.getMessage()));
        } catch (SdkException e) {
            // the claim then runs out by itself (CLAIM), and the next try takes the mail
            LOG.warn("order {}'s failed send could not be recorded: {}", code, e.toString());
        }
    }
}
