package dev.ticketing.orders.items;

import dev.ticketing.payments.items.ReconcileIndex;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Orders whose confirmation mail may never have been queued, in the sparse GSI {@code reconcile}
 * ({@link ReconcileIndex}) under shards of their own, {@code MAIL#<0..7>}, beside the payments' {@code PENDING#}
 * shards: the sale puts the order there, due {@code MAIL_REDRIVE_AFTER} later; the sent mail, a re-drive or an
 * abandoned mail takes it out. What is still there when due is what a crash between the sale's commit and the
 * queue's answer left behind (docs/delivery.md).
 */
public final class MailOutbox {
    public static final int SHARDS = 8;
    private static final String PREFIX = "MAIL#";

    private MailOutbox() {
    }

    public static String shardOf(String orderCode) {
        return PREFIX + Math.floorMod(orderCode.hashCode(), SHARDS);
    }

    public static List<String> shards() {
        return IntStream.range(0, SHARDS).mapToObj(shard -> PREFIX + shard).toList();
    }
}
