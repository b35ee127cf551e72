package dev.ticketing.store;

import dev.ticketing.problems.ConflictException;
import dev.ticketing.problems.SeatsUnavailableException;
import dev.ticketing.problems.TicketingException;
import dev.ticketing.store.Transaction.Role;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * What became of a {@link Transaction}: committed, or cancelled with the items that were the reason. The one place
 * that reads DynamoDB's cancellation reasons: an item is contested when its condition failed
 * ({@code ConditionalCheckFailed}) or another transaction was writing it at the same moment
 * ({@code TransactionConflict}; for a seat, someone else is taking it right now). Reasons come in item order
 * (TransactionCanceledException, DynamoDB API reference).
 */
public final class TransactionResult {
    private static final TransactionResult COMMITTED = new TransactionResult(List.of(), null);

    private final List<Transaction.Entry> contested;
    private final TransactionCanceledException cause;

    private TransactionResult(List<Transaction.Entry> contested, TransactionCanceledException cause) {
        this.contested = contested;
        this.cause = cause;
    }

    static TransactionResult success() {
        return COMMITTED;
    }

    static TransactionResult cancelled(List<Transaction.Entry> entries, TransactionCanceledException cancelled) {
        List<CancellationReason> reasons = cancelled.hasCancellationReasons() ? cancelled.cancellationReasons() : List.of();
        List<Transaction.Entry> contested = new java.util.ArrayList<>();
        for (int i = 0; i < reasons.size() && i < entries.size(); i++) {
            String code = reasons.get(i).code();
            if ("ConditionalCheckFailed".equals(code) || "TransactionConflict".equals(code)) {
                contested.add(entries.get(i));
            }
        }
        return new TransactionResult(List.copyOf(contested), cancelled);
    }

    public boolean committed() {
        return cause == null;
    }

    /** Whether an item in this role was a reason for the cancellation. */
    public boolean contested(Role role) {
        return contested.stream().anyMatch(entry -> entry.role() == role);
    }

    /** The ids of the contested items in this role, in the order they were added (seats: {@code "3-7"}). */
    public List<String> contestedIds(Role role) {
        return contested.stream().filter(entry -> entry.role() == role).map(Transaction.Entry::id)
                .filter(Objects::nonNull).toList();
    }

    /** The seats that were contested: someone else holds or is taking them. */
    public List<String> contestedSeats() {
        return contestedIds(Role.SEAT);
    }

    /** DynamoDB's own exception, for a cancellation no rule explains. */
    public TransactionCanceledException cause() {
        return cause;
    }

    /**
     * The problem a client gets for this cancellation when no more specific rule applied: contested seats are a
     * 409 {@code seats-unavailable} naming them; any other contested item a 409 {@code concurrent-update} (try
     * again); a cancellation with no contested item (a malformed request: a bug, not the client's mistake) is
     * DynamoDB's exception itself.
     */
    public RuntimeException asProblem() {
        if (committed()) {
            throw new IllegalStateException("the transaction committed");
        }
        if (!contestedSeats().isEmpty()) {
            return new SeatsUnavailableException(contestedSeats());
        }
        if (!contested.isEmpty()) {
            return concurrentUpdate();
        }
        return cause;
    }

    private static TicketingException concurrentUpdate() {
        return new ConflictException("concurrent-update", "Changed meanwhile",
                "What this request changes was changed by another request at the same moment; please try again",
                Map.of());
    }
}
