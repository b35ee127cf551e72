package dev.ticketing.admission.model;

/**
 * One scan a door device made while offline: its {@code scanId} (the device's idempotency key for it), the scanned
 * {@code code}, and {@code scannedAt}, the device's clock when it let the ticket in (ISO-8601 with offset).
 */
public record OfflineScan(String scanId, String code, String scannedAt) {
}
