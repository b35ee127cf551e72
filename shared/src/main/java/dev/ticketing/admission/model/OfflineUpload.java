package dev.ticketing.admission.model;

import dev.ticketing.input.Fields;
import dev.ticketing.problems.InvalidRequestException;
import dev.ticketing.problems.RequestTooLargeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of {@code POST /events/{eventId}/checkins/offline}: the scans one device ({@code deviceId}) made while
 * offline, at most {@link #MAX_SCANS} at a time.
 */
public record OfflineUpload(String deviceId, List<OfflineScan> scans) {
    /** The most scans one upload carries (a device with more sends them in several uploads). */
    public static final int MAX_SCANS = 500;
    /** How far a scan's time may lie ahead of the server's clock: a device's clock is a little off, not a day. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

    /** One scan, checked: its time parsed. */
    public record Scan(String scanId, String code, Instant scannedAt) {
    }

    /** The upload, checked: the device id stripped, the scans in order. */
    public record Checked(String deviceId, List<Scan> scans) {
    }

    /**
     * The device id and every scan checked (ids present and within {@link CheckInRequest#MAX_ID}, a code within
     * {@link CheckInRequest#MAX_CODE}, a time at most {@link #CLOCK_SKEW} after {@code now}, no scan id twice), or a
     * 400 naming the first field that is not; more than {@link #MAX_SCANS} scans is a 413. All before anything is
     * written, so a bad upload changes nothing.
     */
    public Checked checked(Instant now) {
        String device = Fields.text("deviceId", deviceId, CheckInRequest.MAX_ID);
        if (scans == null) {
            throw new InvalidRequestException("scans is required: a list of {scanId, code, scannedAt}");
        }
        if (scans.size() > MAX_SCANS) {
            throw RequestTooLargeException.items("scans", scans.size(), MAX_SCANS);
        }
        List<Scan> checked = new ArrayList<>(scans.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < scans.size(); i++) {
            OfflineScan scan = scans.get(i);
            String field = "scans[" + i + "]";
            if (scan == null) {
                throw new InvalidRequestException(field + " is required", Map.of("field", field));
            }
            String scanId = Fields.text(field + ".scanId", scan.scanId(), CheckInRequest.MAX_ID);
            String code = Fields.text(field + ".code", scan.code(), CheckInRequest.MAX_CODE);
            Instant at = Fields.instant(field + ".scannedAt", scan.scannedAt(), now);
            if (at.isAfter(now.plus(CLOCK_SKEW))) {
                throw new InvalidRequestException(field + ".scannedAt lies in the future (the server's clock is "
                        + now + "): check the device's clock", Map.of("field", field + ".scannedAt"));
            }
            if (!ids.add(scanId)) {
                throw new InvalidRequestException(field + ".scanId " + scanId + " is twice in this upload",
                        Map.of("field", field + ".scanId"));
            }
            checked.add(new Scan(scanId, code, at));
        }
        return new Checked(device, checked);
    }
}
