package dev.ticketing.store;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** The one place that reads DynamoDB's transaction cancellations. */
public final class Transactions {
    private Transactions() {
    }

    /**
     * Indexes of the transaction's items that were the reason for the cancellation: a failed condition, or
     * another transaction writing the same item at the same moment (which, for a seat, means someone else is
     * taking it right now).
     */
    public static List<Integer> contestedItems(TransactionCanceledException cancelled) {
        List<Integer> indexes = new ArrayList<>();
        List<CancellationReason> reasons = cancelled.cancellationReasons();
        for (int i = 0; i < reasons.size(); i++) {
            String code = reasons.get(i).code();
            if ("ConditionalCheckFailed".equals(code) || "TransactionConflict".equals(code)) {
                indexes.add(i);
            }
        }
        return indexes;
    }
}
