package dev.ticketing.delivery;

import dev.ticketing.delivery.queue.OrderMailQueue;
import dev.ticketing.orders.items.MailOutbox;
import dev.ticketing.orders.items.OrderItems;
import dev.ticketing.store.DueWork;
import dev.ticketing.store.Table;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's re-drive (run by reconciliation, on its schedule): an order whose mail is still in the outbox
 * {@code MAIL_REDRIVE_AFTER} after its sale was never sent, and perhaps never queued (the process died between the
 * sale's commit and the queue's answer, or the queue refused). It is queued again and leaves the outbox: from there
 * the queue's retries and its dead-letter queue (alarmed) take it, and the order's record keeps it from being sent
 * twice.
 */
@Singleton
public class RedriveOrderMails {
    private static final Logger LOG = LoggerFactory.getLogger(RedriveOrderMails.class);
    private final Table table;
    private final OrderMailQueue queue;
    private final Clock clock;
    private final OrderItems items;

    public RedriveOrderMails(Table table, OrderMailQueue queue, Clock clock) {
        this.table = table;
        this.queue = queue;
        this.clock = clock;
        this.items = new OrderItems(table);
    }

    /** Queues at most {@code limit} due mails again; answers how many were queued. */
    public int redrive(int limit, BooleanSupplier mayGoOn) {
        Instant now = clock.instant();
        int[] queued = {0};
        DueWork.walk(MailOutbox.shards(), limit, mayGoOn,
                (shard, room) -> table.client().query(items.mailDueQuery(shard, now, room)).items().stream()
                        .map(OrderItems::codeOfKey).toList(),
                code -> {
                    if (queue.queue(code)) {
                        table.writeAlone(items.redriven(code));
                        queued[0]++;
                    }
                });
        if (queued[0] > 0) {
            LOG.warn("{} order mail(s) were in the outbox past their time and are queued again", queued[0]);
        }
        return queued[0];
    }
}
