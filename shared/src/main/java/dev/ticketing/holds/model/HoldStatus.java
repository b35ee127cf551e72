package dev.ticketing.holds.model;

/** A purchase session: ACTIVE until released (RELEASED), out of time (EXPIRED) or paid for (PAID). */
public enum HoldStatus {
    ACTIVE, RELEASED, EXPIRED, PAID
}
