package dev.ticketing.holds.model;

/** A placed hold, how many picks it took, and whether it is the answer to an earlier request with the same key. */
public record PlacedHold(Hold hold, int attempts, boolean replayed) {
}
