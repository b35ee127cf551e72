package dev.ticketing.admission.model;

/**
 * {@code GET /events/{eventId}/checkin-list}: the door list ("manifest") of an event, signed. {@code manifest} is
 * base64url (no padding) of the UTF-8 JSON bytes of the list; {@code signature} is base64url of the Ed25519
 * signature of exactly those bytes by the event's key under {@code keyId} (its public key is in the list's
 * {@code keys}: a device that already trusts it verifies a new list with no network).
 */
public record SignedDoorList(String eventId, String keyId, String manifest, String signature) {
}
