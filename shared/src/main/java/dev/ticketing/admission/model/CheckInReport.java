package dev.ticketing.admission.model;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /events/{eventId}/checkin-report}: how many valid tickets there are ({@code sold}), how many of them
 * were let in ({@code admitted}), and each ticket let in twice (devices offline), with both admissions.
 */
public record CheckInReport(long sold, long admitted, List<DoubleAdmission> doubleAdmissions) {
    /** One admission: the device and when (the device's clock for an offline scan). */
    public record Door(String deviceId, Instant at) {
    }

    /** A ticket admitted twice: the first admission (the one that counts) and the flagged second. */
    public record DoubleAdmission(String ticketId, String seat, Door first, Door second) {
    }
}
