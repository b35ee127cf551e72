package dev.ticketing.admission.model;

import java.util.List;

/** The answer to an offline upload: one result per scan, in the upload's order. */
public record OfflineResults(List<ScanResult> results) {
}
