package dev.ticketing.admission.model;

import dev.ticketing.input.Fields;

/**
 * The body of {@code POST /events/{eventId}/checkins}: the scanned {@code code}, the scanning {@code deviceId}, and
 * the {@code scanId} the device gave this scan (its idempotency key: a retry of the scan sends the same one).
 */
public record CheckInRequest(String code, String deviceId, String scanId) {
    /** At most this many characters of a device or scan id. */
    public static final int MAX_ID = 100;
    /** At most this many characters of a code: more is no code (a QR payload is about 170). */
    public static final int MAX_CODE = 1000;

    /** The request with each field present and within its length, stripped; a 400 naming the field otherwise. */
    public CheckInRequest checked() {
        return new CheckInRequest(Fields.text("code", code, MAX_CODE), Fields.text("deviceId", deviceId, MAX_ID),
                Fields.text("scanId", scanId, MAX_ID));
    }
}
