package dev.ticketing.store;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * One {@code TransactWriteItems} call, built item by item, each under the {@link Role} it plays (and, for items of
 * which there are several, such as seats, an id). A cancelled transaction is answered as a {@link TransactionResult}
 * that says which roles (and which seats) were contested, so nobody decodes item positions by hand.
 * DynamoDB limits a transaction to 100 items (see {@link #LIMIT}).
 */
public final class Transaction {
    /** The most items DynamoDB takes in one transaction (TransactWriteItems, "up to 100 action requests"). */
    public static final int LIMIT = 100;

    /** What an item is to the transaction. */
    public enum Role {
        SEAT,
        /** A free seat a hold does not take but whose staying free keeps it from stranding a neighbour. */
        SEAT_GUARD,
        TICKET, HOLD, LEASE,
        /** One of the user's open-hold slots for the event. */
        ACTIVE_HOLD_SLOT,
        /** One of the user's open-hold slots across all events. */
        ACCOUNT_HOLD_SLOT,
        /** One of the user's hold-rate slots for the event (at most so many holds in any rolling hour). */
        HOLD_RATE_SLOT,
        IDEMPOTENCY_KEY,
        /** A best-available request waiting in its event's allocation queue, and the answer it gets. */
        ALLOCATION_REQUEST, ALLOCATION_OUTCOME,
        PAYMENT, ORDER_LINK, EVENT,
        /** The entry of a new event in its organiser's own list of events. */
        ORGANISER_EVENT,
        /** The entry of an organiser's action in its event's audit trail. */
        AUDIT_ENTRY,
        /** The order a sale makes, under its code (the code item that keeps codes unique). */
        ORDER,
        /** A venue, and the head that makes a plan version of it (docs/venues.md). */
        VENUE, PLAN_VERSION
    }

    record Entry(Role role, String id, TransactWriteItem item) {
    }

    private final DynamoDbClient dynamo;
    private final List<Entry> entries = new ArrayList<>();

    Transaction(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    /** Adds an item the transaction has one of (the hold, the payment, the slot, the key, ...). */
    public Transaction add(Role role, TransactWriteItem item) {
        return add(role, null, item);
    }

    /** Adds an item under its role and id ({@code "3-7"} for a seat, the ticket id for a ticket). */
    public Transaction add(Role role, String id, TransactWriteItem item) {
        entries.add(new Entry(role, id, item));
        return this;
    }

    public int size() {
        return entries.size();
    }

    /**
     * Writes every item or none. {@code requestToken} (nullable) makes the SDK's own retries of the call idempotent
     * (DynamoDB's ClientRequestToken, valid 10 minutes). Any failure other than a cancellation is thrown as is.
     */
    public TransactionResult commit(String requestToken) {
        if (entries.isEmpty()) {
            return TransactionResult.success();
        }
        List<TransactWriteItem> items = entries.stream().map(Entry::item).toList();
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items).clientRequestToken(requestToken));
            return TransactionResult.success();
        } catch (TransactionCanceledException cancelled) {
            return TransactionResult.cancelled(List.copyOf(entries), cancelled);
        }
    }

    /** {@link #commit(String)} without a request token. */
    public TransactionResult commit() {
        return commit(null);
    }
}
