package dev.ticketing.venues.model;

/**
 * How a plan's parts are named in the form it came in: the JSON pointers a problem's {@code path} gives
 * ({@link PlanRules}), so that an organiser finds the offending part in the file they sent. Each {@link PlanFormat}
 * is one; a seats.io chart, whose pointers depend on the chart (rows outside sections, seats without a uuid), brings
 * its own ({@code formats.SeatsIoPlans}).
 */
public interface PlanPaths {
    /** The pointer of the name of category {@code category} (its index in the plan's categories). */
    String categoryName(int category);

    /** The pointer of seat {@code seat} of row {@code row} of section {@code section} (indexes in the plan). */
    String seat(int section, int row, int seat);

    /** The pointer of that seat's id. */
    String seatId(int section, int row, int seat);

    /** The pointer of that seat's category. */
    String seatCategory(int section, int row, int seat);
}
