package dev.ticketing.seats.model;

public enum SeatStatus {
    AVAILABLE, RESERVED, SOLD
}
