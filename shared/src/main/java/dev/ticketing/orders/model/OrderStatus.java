package dev.ticketing.orders.model;

/** PAID while any of its tickets is; REFUNDED once every ticket was cancelled by a refund or reversal. */
public enum OrderStatus {
    PAID, REFUNDED
}
