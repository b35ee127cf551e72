package dev.ticketing.payments.provider;

/** A capture: COMPLETED means the money moved; PENDING means the provider will say later (a webhook); DECLINED, never. */
public record CaptureOutcome(String captureId, Status status) {
    public enum Status { COMPLETED, PENDING, DECLINED }
}
