package dev.ticketing.venues.model;

import dev.ticketing.problems.InvalidRequestException;
import java.util.HashMap;
import java.util.Map;

/**
 * The rules every plan keeps, whatever form it came in, beyond what a schema can state: category names are unique;
 * every seat's category is one of them; seat ids are present, at most {@link #MAX_ID_LENGTH} characters and unique in
 * the plan; a row's first seat has no gap before it; at most {@link Plan#MAX_SEATS} seats. A plan that breaks one is
 * refused whole ({@code 400}, nothing stored) with the JSON pointer of the first offending part in {@code path}.
 */
public final class PlanRules {
    /** pretix stores a seat_guid in 190 characters; an event's seat id is a key part, so it stays short. */
    public static final int MAX_ID_LENGTH = 190;

    private PlanRules() {
    }

    /**
     * Returns if {@code plan} keeps every rule; the first broken one's problem otherwise, its path named as
     * {@code paths} (the form the plan came in) names it.
     */
    public static void check(Plan plan, PlanPaths paths) {
        Map<String, Integer> categories = new HashMap<>();
        for (int c = 0; c < plan.categories().size(); c++) {
            Integer before = categories.putIfAbsent(plan.categories().get(c).name(), c);
            if (before != null) {
                throw invalid(paths.categoryName(c), "Category \"" + plan.categories().get(c).name()
                        + "\" is defined twice (also " + paths.categoryName(before) + ")");
            }
        }
        Map<String, String> ids = new HashMap<>();
        int count = 0;
        for (int s = 0; s < plan.sections().size(); s++) {
            Section section = plan.sections().get(s);
            for (int r = 0; r < section.rows().size(); r++) {
                Row row = section.rows().get(r);
                for (int i = 0; i < row.seats().size(); i++) {
                    PlanSeat seat = row.seats().get(i);
                    String path = paths.seat(s, r, i);
                    if (++count > Plan.MAX_SEATS) {
                        throw invalid(path, "A plan has at most " + Plan.MAX_SEATS + " seats; this is seat "
                                + count, Map.of("maxSeats", Plan.MAX_SEATS));
                    }
                    if (seat.id().isBlank() || seat.id().length() > MAX_ID_LENGTH) {
                        throw invalid(paths.seatId(s, r, i), "A seat id is 1 to " + MAX_ID_LENGTH
                                + " characters, not blank");
                    }
                    String first = ids.putIfAbsent(seat.id(), path);
                    if (first != null) {
                        throw invalid(paths.seatId(s, r, i), "Seat id \"" + seat.id()
                                + "\" is already the id of " + first + "; each seat's id is unique in the plan");
                    }
                    if (!categories.containsKey(seat.category())) {
                        throw invalid(paths.seatCategory(s, r, i), "Category \"" + seat.category()
                                + "\" is not one of the plan's categories " + plan.categoryNames());
                    }
                    if (i == 0 && seat.gapBefore()) {
                        throw invalid(path + "/gapBefore", "A row's first seat has no seat before it to be apart from");
                    }
                }
            }
        }
    }

    /** The problem of a plan whose part at {@code path} (a JSON pointer) is wrong: {@code 400} with that path. */
    public static InvalidRequestException invalid(String path, String detail) {
        return invalid(path, detail, Map.of());
    }

    private static InvalidRequestException invalid(String path, String detail, Map<String, Object> more) {
        Map<String, Object> extensions = new HashMap<>(more);
        extensions.put("path", path);
        return new InvalidRequestException((path.isEmpty() ? "The plan" : path) + ": " + detail, extensions);
    }
}
