package dev.ticketing.venues.model;

import dev.ticketing.problems.InvalidRequestException;
import java.util.Locale;
import java.util.Map;

/**
 * The forms a plan is read and written in ({@code ?format=}): pretix's seating-plan JSON and the project's own
 * ({@code ticketing}, docs/venues.md), which alone carries the flags and the gaps. Each names its parts its own way,
 * and a problem's path is in the form the plan came in.
 */
public enum PlanFormat {
    PRETIX("zones", "seat_guid"),
    TICKETING("sections", "id");

    private final String sections;
    private final String seatId;

    PlanFormat(String sections, String seatId) {
        this.sections = sections;
        this.seatId = seatId;
    }

    /** The JSON pointer of a seat (or of the row, with {@code seat} negative) in this form. */
    public String path(int section, int row, int seat) {
        String rowPath = "/" + sections + "/" + section + "/rows/" + row;
        return seat < 0 ? rowPath : rowPath + "/seats/" + seat;
    }

    /** The name of a seat's id in this form. */
    public String seatIdField() {
        return seatId;
    }

    /** The {@code format} query value: absent is {@code defaultFormat}; else {@code pretix} or {@code ticketing}. */
    public static PlanFormat of(String query, PlanFormat defaultFormat) {
        if (query == null) {
            return defaultFormat;
        }
        for (PlanFormat format : values()) {
            if (format.name().toLowerCase(Locale.ROOT).equals(query)) {
                return format;
            }
        }
        throw new InvalidRequestException("format must be pretix or ticketing", Map.of("format", query));
    }
}
