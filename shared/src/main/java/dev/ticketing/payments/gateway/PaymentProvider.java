package dev.ticketing.payments.gateway;

public enum PaymentProvider {
    PAYPAL, OTHER
}
