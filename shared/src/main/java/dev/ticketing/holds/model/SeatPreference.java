package dev.ticketing.holds.model;

import dev.ticketing.events.model.Event;
import dev.ticketing.seats.choice.SeatGrid;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.seats.model.SeatLayout;
import dev.ticketing.seats.model.SeatPlace;
import java.math.BigDecimal;
import java.util.List;

/**
 * What a best-available request asks of its seats beyond their number (issue 20, item 4; API.md round 3): a plan
 * category, a price at most {@code maxPrice}, and whether they are for a wheelchair user ({@code accessible}).
 *
 * <p>The rule of wheelchair places: best available never gives a wheelchair place, nor the companion seat kept beside
 * one, unless asked with {@code accessible}; then it gives only those, and every block it gives has at least one
 * wheelchair place (so {@code {"quantity":2,"together":true,"accessible":true}} is a wheelchair place with its
 * companion seat when the plan has one beside it). A pick by id may take any seat (the box office's "I know what I
 * am doing").
 *
 * @param category       a plan category's name, or null for any
 * @param maxPrice       the most a seat may cost, or null for any price
 * @param accessible     wheelchair places and their companion seats only
 */
public record SeatPreference(String category, BigDecimal maxPrice, boolean accessible) {
    /** No preference: any seat but wheelchair places and companion seats. */
    public static final SeatPreference ANY = new SeatPreference(null, null, false);

    /** Whether a rectangle's plain request: nothing to leave out, the free seats are the candidates. */
    public boolean none(Event event) {
        return category == null && maxPrice == null && !accessible && event.plan() == null;
    }

    /** Which seats of {@code event} this preference lets best available give, as a grid (its seats "free"). */
    public SeatGrid eligible(Event event) {
        SeatLayout layout = event.layout();
        SeatGrid.Builder eligible = SeatGrid.builder(layout.rows(), layout.columns());
        for (int row = 1; row <= layout.rows(); row++) {
            for (SeatId seat : layout.seatsOf(row)) {
                if (allows(event, layout, seat)) {
                    eligible.free(seat);
                }
            }
        }
        return eligible.build();
    }

    /** Whether a block this preference gave is one it may give: with {@code accessible}, one with a wheelchair place. */
    public boolean fits(Event event, List<SeatId> block) {
        if (!accessible) {
            return true;
        }
        SeatLayout layout = event.layout();
        return block.stream().map(layout::placeOf).anyMatch(place -> place != null && place.wheelchair());
    }

    private boolean allows(Event event, SeatLayout layout, SeatId seat) {
        SeatPlace place = layout.placeOf(seat);
        boolean forWheelchairs = place != null && (place.wheelchair() || place.companion());
        if (forWheelchairs != accessible) {
            return false;
        }
        if (category != null && (place == null || !category.equals(place.category()))) {
            return false;
        }
        return maxPrice == null || event.priceOf(seat).compareTo(maxPrice) <= 0;
    }
}
