package dev.ticketing.payments;

public enum PaymentProvider {
    PAYPAL, OTHER
}
