package dev.ticketing.events;

import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.SeatPlanView;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.seats.model.SeatLayout;
import dev.ticketing.seats.model.SeatPlace;
import dev.ticketing.venues.model.Plan;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /events/{id}/plan}: the event's seats as its plan places and names them, in the compact map's order
 * ({@link SeatPlanView}). Public, as the seat map is: it holds no personal data.
 */
@Singleton
public class ReadSeatPlan {
    private final EventReader events;

    public ReadSeatPlan(EventReader events) {
        this.events = events;
    }

    /**
     * The plan of event {@code eventId}.
     *
     * @throws dev.ticketing.problems.NotFoundException no such event
     */
    public SeatPlanView plan(String eventId) {
        Event event = events.get(eventId);
        SeatLayout layout = event.layout();
        if (event.plan() == null) {
            return rectangle(event, layout);
        }
        Plan plan = event.plan().layout().outline();
        List<SeatPlanView.RowView> rows = new ArrayList<>(layout.rows());
        for (int row = 1; row <= layout.rows(); row++) {
            List<SeatId> seats = layout.seatsOf(row);
            SeatPlace first = layout.placeOf(seats.get(0));
            List<SeatPlanView.SeatView> views = new ArrayList<>(seats.size());
            for (int i = 0; i < seats.size(); i++) {
                SeatId seat = seats.get(i);
                SeatPlace place = layout.placeOf(seat);
                // an empty place before the seat in the grid is an aisle or gap (PlanGrid)
                boolean gapBefore = i > 0 && seat.column() > seats.get(i - 1).column() + 1;
                views.add(new SeatPlanView.SeatView(layout.idOf(seat), place.seat(), place.category(), place.x(),
                        place.y(), place.wheelchair(), place.companion(), place.restrictedView(), gapBefore));
            }
            rows.add(new SeatPlanView.RowView(row, first.section(), first.row(), views));
        }
        return new SeatPlanView(event.id(), event.plan().venueId(), event.plan().version(), plan.name(), plan.width(),
                plan.height(), new SeatPlanView.Point(plan.focus().x(), plan.focus().y()),
                plan.categories().stream().map(c -> new SeatPlanView.CategoryView(c.name(), c.color())).toList(),
                rows);
    }

    /** A rectangle's generated plan: seat (r, c) at x = c, y = r; the stage above row 1. */
    private static SeatPlanView rectangle(Event event, SeatLayout layout) {
        List<SeatPlanView.RowView> rows = new ArrayList<>(layout.rows());
        for (int row = 1; row <= layout.rows(); row++) {
            BigDecimal y = BigDecimal.valueOf(row);
            rows.add(new SeatPlanView.RowView(row, null, "Row " + row, layout.seatsOf(row).stream()
                    .map(seat -> new SeatPlanView.SeatView(layout.idOf(seat), "Seat " + seat.column(), null,
                            BigDecimal.valueOf(seat.column()), y, false, false, false, false))
                    .toList()));
        }
        return new SeatPlanView(event.id(), null, null, event.name(), layout.columns() + 1, layout.rows() + 1,
                new SeatPlanView.Point(BigDecimal.valueOf(layout.columns() + 1).divide(BigDecimal.valueOf(2)),
                        BigDecimal.ZERO),
                List.of(), rows);
    }
}
