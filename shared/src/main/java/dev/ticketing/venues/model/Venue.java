package dev.ticketing.venues.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;

/**
 * A venue as answered and listed: its name (the plan's), its plan's current {@code version} (1 at import; each change
 * of the plan makes the next, and every version stays readable as it was), the current version's seat count and
 * categories, and who owns it ({@code organizerId}, as events store it: never shown).
 */
public record Venue(String id, String name, int version, int seats, List<String> categories, Instant createdAt,
                    Instant updatedAt, @JsonIgnore String organizerId) {
    public Venue {
        categories = List.copyOf(categories);
    }
}
