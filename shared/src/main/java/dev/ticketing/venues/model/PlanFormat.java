package dev.ticketing.venues.model;

import dev.ticketing.problems.InvalidRequestException;
import java.util.Locale;
import java.util.Map;

/**
 * The forms a plan is read and written in ({@code ?format=}): pretix's seating-plan JSON, the project's own
 * ({@code ticketing}, docs/venues.md), which alone carries the flags and the gaps, and seats.io's chart JSON
 * ({@code seatsio}: import only). Each names its parts its own way, and a problem's path is in the form the plan came
 * in ({@link PlanPaths}).
 */
public enum PlanFormat implements PlanPaths {
    PRETIX("/zones/", "/rows/", "seat_guid", "/categories/", "/name", "category", true),
    TICKETING("/sections/", "/rows/", "id", "/categories/", "/name", "category", true),
    /**
     * seats.io's chart JSON; its paths here are those of a chart whose rows are all in sections (a chart with rows
     * outside sections names them in {@code formats.SeatsIoPlans}). Never an export form.
     */
    SEATSIO("/subChart/sections/", "/subChart/rows/", "uuid", "/categories/list/", "/label", "categoryKey", false);

    private final String sections;
    private final String rows;
    private final String seatId;
    private final String categories;
    private final String categoryName;
    private final String seatCategory;
    private final boolean exported;

    PlanFormat(String sections, String rows, String seatId, String categories, String categoryName, String seatCategory,
               boolean exported) {
        this.sections = sections;
        this.rows = rows;
        this.seatId = seatId;
        this.categories = categories;
        this.categoryName = categoryName;
        this.seatCategory = seatCategory;
        this.exported = exported;
    }

    @Override
    public String categoryName(int category) {
        return categories + category + categoryName;
    }

    /** The JSON pointer of a seat (or of the row, with {@code seat} negative) in this form. */
    @Override
    public String seat(int section, int row, int seat) {
        String rowPath = sections + section + rows + row;
        return seat < 0 ? rowPath : rowPath + "/seats/" + seat;
    }

    @Override
    public String seatId(int section, int row, int seat) {
        return seat(section, row, seat) + "/" + seatId;
    }

    @Override
    public String seatCategory(int section, int row, int seat) {
        return seat(section, row, seat) + "/" + seatCategory;
    }

    /** The {@code format} query value: absent is {@code defaultFormat}; else {@code pretix}, {@code ticketing} or {@code seatsio}. */
    public static PlanFormat of(String query, PlanFormat defaultFormat) {
        if (query == null) {
            return defaultFormat;
        }
        for (PlanFormat format : values()) {
            if (format.name().toLowerCase(Locale.ROOT).equals(query)) {
                return format;
            }
        }
        throw new InvalidRequestException("format must be pretix, ticketing or seatsio", Map.of("format", query));
    }

    /**
     * {@code query} as a form a plan is written in ({@link #of}): {@code 400} for {@code seatsio}, which is read only
     * (a chart's drawing, beyond its seats, is not kept, so a chart written back would not be the chart).
     */
    public static PlanFormat export(String query, PlanFormat defaultFormat) {
        PlanFormat format = of(query, defaultFormat);
        if (!format.exported) {
            throw new InvalidRequestException("format " + query + " is not an export format: a plan is written as pretix"
                    + " or ticketing", Map.of("format", query));
        }
        return format;
    }
}
