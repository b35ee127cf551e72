package dev.ticketing.venues.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One seat of a plan.
 *
 * @param id             the stable seat id, unique in the plan (pretix's {@code seat_guid}): an event's seat ids
 * @param number         the seat's number or name in its row, as people read it ({@code "14"}, {@code "14a"})
 * @param position       where it is drawn, in plan coordinates (absolute: a pretix zone's and row's offsets added)
 * @param category       the name of one of the plan's categories
 * @param wheelchair     a wheelchair place (a space, not a chair)
 * @param companion      the seat of a wheelchair user's companion, beside a wheelchair place
 * @param restrictedView the view of the stage is partly blocked (a pillar, an overhang)
 * @param gapBefore      an aisle or gap separates this seat from the one before it in its row: the two are no
 *                       neighbours ({@link Row} has the adjacency rule); never on a row's first seat
 * @param pretix         what an imported pretix seat carried beyond these ({@code uuid}, {@code radius},
 *                       {@code start_direction}), kept for its export; null when nothing
 */
public record PlanSeat(String id, String number, Point position, String category, boolean wheelchair,
                       boolean companion, boolean restrictedView, boolean gapBefore, ObjectNode pretix) {
    /** This seat with its flags set as given (null keeps a flag as it is). */
    public PlanSeat withFlags(Boolean wheelchair, Boolean companion, Boolean restrictedView, Boolean gapBefore) {
        return new PlanSeat(id, number, position, category,
                wheelchair == null ? this.wheelchair : wheelchair,
                companion == null ? this.companion : companion,
                restrictedView == null ? this.restrictedView : restrictedView,
                gapBefore == null ? this.gapBefore : gapBefore, pretix);
    }
}
