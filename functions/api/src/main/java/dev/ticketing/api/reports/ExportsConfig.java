package dev.ticketing.api.reports;

import java.time.Duration;

/**
 * Where the organiser's exports go: {@code bucket} (null where none is configured: an export is then a 503
 * problem, never a partial answer) and how long the link to one works.
 */
public record ExportsConfig(String bucket, Duration linkLifetime) {
    public ExportsConfig {
        if (linkLifetime.isNegative() || linkLifetime.isZero() || linkLifetime.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("EXPORT_LINK_LIFETIME must be more than 0 and at most PT1H, not " + linkLifetime);
        }
    }
}
