package dev.ticketing.payments;

public enum PaymentStatus {
    PENDING, SUCCESS, FAILED
}
