package dev.ticketing.admission.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * What the server made of one offline scan ({@code POST /events/{eventId}/checkins/offline}): {@code result} is
 * {@link #ADMITTED}, {@link #ALREADY_ADMITTED} (with the first admission's device and time), {@link #REVOKED},
 * {@link #UNKNOWN} or {@link #WRONG_EVENT}; the ticket, its seat label and buyer's name when the code named a ticket
 * of this event.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScanResult(String scanId, String result, String ticketId, String seat, String name,
                         String firstDeviceId, Instant firstAt) {
    public static final String ADMITTED = "admitted";
    public static final String ALREADY_ADMITTED = "already-admitted";
    public static final String REVOKED = "revoked";
    public static final String UNKNOWN = "unknown";
    public static final String WRONG_EVENT = "wrong-event";

    /** A result that names no ticket: an unknown or forged code, or another event's. */
    public static ScanResult of(String scanId, String result) {
        return new ScanResult(scanId, result, null, null, null, null, null);
    }
}
