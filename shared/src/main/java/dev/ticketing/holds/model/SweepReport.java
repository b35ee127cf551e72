package dev.ticketing.holds.model;

/**
 * What one sweep did: how many due holds the expiry index listed, how many of them it ended, found already ended
 * or paid (index entries that lagged or were left behind) or not yet due, how many failed (they stay in the index
 * and the next sweep tries again), how many it left to their payment's reconciliation (a payment in flight), and
 * whether it stopped at its bound with more left.
 */
public record SweepReport(int found, int ended, int alreadyEnded, int paid, int notDue, int failed,
                          int paymentInFlight, boolean more) {
    public SweepReport(int found, int ended, int alreadyEnded, int paid, int notDue, int failed, boolean more) {
        this(found, ended, alreadyEnded, paid, notDue, failed, 0, more);
    }
}
