package dev.ticketing.events.model;

import dev.ticketing.venues.model.PlanGrid;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an event on a venue's plan adds to it (issue 20, item 3): the venue, the plan version it uses (fixed when the
 * event is made: plan versions never change, so its seats never move), each category's price, and that version's
 * grid ({@code layout}; null while only the event's item has been read: {@code events.items.EventReader} attaches it).
 */
public record EventPlan(String venueId, int version, List<CategoryPrice> categoryPrices, PlanGrid layout) {
    public EventPlan {
        categoryPrices = List.copyOf(categoryPrices);
    }

    /** The same plan with its grid. */
    public EventPlan withLayout(PlanGrid grid) {
        return new EventPlan(venueId, version, categoryPrices, Objects.requireNonNull(grid, "grid"));
    }

    /** The same plan with new category prices. */
    public EventPlan withPrices(List<CategoryPrice> prices) {
        return new EventPlan(venueId, version, prices, layout);
    }

    public Optional<BigDecimal> priceOf(String category) {
        return categoryPrices.stream().filter(price -> price.category().equals(category)).findFirst()
                .map(CategoryPrice::price);
    }
}
