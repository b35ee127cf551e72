package dev.ticketing.seats.model;

import java.util.List;
import java.util.Optional;

/**
 * Where an event's seats are. The seat engine works on a grid of {@link #rows()} x {@link #columns()} places
 * ({@link SeatId}, both from 1); a layout says which places hold a seat, what a seat's public id is, and, for an
 * event on a venue's plan, how people name it and where it is drawn.
 *
 * <p>Two kinds: {@link RectangleLayout} (every place a seat, ids {@code "<row>-<column>"}: the rectangle events) and a
 * venue plan's grid ({@code venues.model.PlanGrid}): one grid row per plan row, in the plan's order, its seats from
 * column 1 in row order, with one empty place wherever an aisle or gap separates two seats. An empty place is never
 * free, so the engine's "adjacent" (consecutive columns, both seats) is exactly the plan's adjacency, and a row's
 * end, an aisle and a gap are edges alike without the engine knowing of plans.
 */
public interface SeatLayout {
    /** Grid rows. */
    int rows();

    /** Grid columns: the widest row's places. */
    int columns();

    /** Whether the place holds a seat. */
    boolean contains(int row, int column);

    int seatCount();

    /** The seat's public id: what clients send and read, and what tickets and orders name. */
    String idOf(SeatId seat);

    /**
     * The seat a public id names, empty when the layout has no such seat. A text that is no seat id at all may be
     * refused at once with a 400 that says the expected form (the rectangle's {@code <row>-<column>}).
     */
    Optional<SeatId> find(String id);

    /** The seats of grid row {@code row}, in order along the row (the compact map's characters of that row). */
    List<SeatId> seatsOf(int row);

    /** How people name the seat and where it is drawn; null for a rectangle's seats (they have only row and column). */
    SeatPlace placeOf(SeatId seat);

    /**
     * The seat's name as people read it and tickets print it: a plan seat's place ("Stalls, row I, Seat 16",
     * {@link SeatPlace#name}), a rectangle's row and column ("Row 5, Seat 6").
     */
    default String nameOf(SeatId seat) {
        SeatPlace place = placeOf(seat);
        return place != null ? place.name() : rowAndSeat(seat.row(), seat.column());
    }

    /** A rows-and-columns seat's name as printed on a ticket: {@code Row 5, Seat 6}. */
    static String rowAndSeat(int row, int column) {
        return "Row " + row + ", Seat " + column;
    }

    /**
     * How best available ranks this layout's rows and centres, or null for a rectangle's rule (the preferred row a
     * third of the way back, the grid's centre column: {@code seats.choice.SeatChooser}).
     */
    RowRanking ranking();
}
