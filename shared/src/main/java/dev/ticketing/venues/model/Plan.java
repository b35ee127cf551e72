package dev.ticketing.venues.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A venue's seating plan: sections of rows of seats, each seat with its stable id, labels, position, category and
 * flags, and the adjacency the rows state ({@link Row}). A stored plan version never changes
 * ({@link dev.ticketing.venues.items.PlanItems}); a change makes the next version.
 *
 * @param name       the plan's name (pretix's {@code name})
 * @param width      the drawing's width, in the plan's units
 * @param height     its height
 * @param focalPoint where the stage is, in the plan's units: best available prefers the rows nearest it
 *                   ({@link PlanGrid}); null: the top centre {@code (width / 2, 0)}, where pretix's editor puts the stage
 * @param categories the seat categories, each name once
 * @param sections   the sections, in the plan's order (the seats' order is sections, rows, seats)
 * @param pretix     what an imported pretix plan carried beyond these at its top level; null when nothing
 */
public record Plan(String name, int width, int height, Point focalPoint, List<Category> categories, List<Section> sections,
                   ObjectNode pretix) {
    /** The most seats a plan has (issue 20): a stadium's, and a bound on an import's time and memory. */
    public static final int MAX_SEATS = 100_000;

    public Plan {
        categories = List.copyOf(categories);
        sections = List.copyOf(sections);
    }

    /** Every seat, in the plan's order. */
    public Stream<PlanSeat> seats() {
        return sections.stream().flatMap(section -> section.rows().stream()).flatMap(row -> row.seats().stream());
    }

    /** Where the stage is: {@link #focalPoint}, else the top centre. */
    public Point focus() {
        return focalPoint != null ? focalPoint
                : new Point(java.math.BigDecimal.valueOf(width).divide(java.math.BigDecimal.valueOf(2)), java.math.BigDecimal.ZERO);
    }

    public int seatCount() {
        return (int) seats().count();
    }

    public List<String> categoryNames() {
        return categories.stream().map(Category::name).toList();
    }

    public Optional<PlanSeat> seat(String id) {
        return seats().filter(seat -> seat.id().equals(id)).findFirst();
    }

    /** The same plan with each seat replaced by what {@code change} makes of it (its row and place kept). */
    public Plan mapSeats(Function<PlanSeat, PlanSeat> change) {
        return new Plan(name, width, height, focalPoint, categories, sections.stream()
                .map(section -> new Section(section.name(), section.origin(), section.rows().stream()
                        .map(row -> new Row(row.number(), row.label(), row.seatLabel(), row.origin(),
                                row.seats().stream().map(change).toList(), row.pretix()))
                        .toList(), section.pretix()))
                .toList(), pretix);
    }
}
