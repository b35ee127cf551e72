package dev.ticketing.venues.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A section of a hall ("Stalls", "Balcony"; pretix's zone) and its rows.
 *
 * @param name   its name, null when the plan gives none
 * @param origin its offset in the plan (pretix's zone position): the seats' positions already include it
 * @param pretix what an imported pretix zone carried beyond these ({@code zone_id}, {@code uuid}, its decorative
 *               {@code areas}: stage, bar, labels), kept for its export; null when nothing
 */
public record Section(String name, Point origin, List<Row> rows, ObjectNode pretix) {
    public Section {
        rows = List.copyOf(rows);
    }
}
