package dev.ticketing.tickets.model;

import java.time.Instant;

/** A ticket let in at the door: when, on which device, by which scan, by whom (the staff member's user id). */
public record Admission(Instant at, String deviceId, String scanId, String by) {
}
