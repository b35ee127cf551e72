package dev.ticketing.seats;

public enum SeatStatus {
    AVAILABLE, RESERVED, SOLD
}
