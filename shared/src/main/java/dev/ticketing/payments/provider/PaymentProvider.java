package dev.ticketing.payments.provider;

public enum PaymentProvider {
    PAYPAL, OTHER
}
