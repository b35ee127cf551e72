package dev.ticketing.payments.model;

/**
 * What one reconciliation run did: how many due payments the reconcile index listed, how many ended SUCCESS or
 * FAILED (the FAILED ones that never got an approval with their hold ended EXPIRED in the same transaction), how many
 * are still PENDING (due again after {@code RECONCILE_AFTER}), how many could not be settled now (the next run tries
 * again), and whether it stopped at its bound with more left.
 */
public record ReconcileReport(int found, int succeeded, int failed, int stillPending, int errors, boolean more) {
}
