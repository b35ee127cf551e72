package dev.ticketing.seats.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A rectangular hall: every place of {@code rows x columns} is a seat, named {@code "<row>-<column>"}. */
public record RectangleLayout(int rows, int columns) implements SeatLayout {
    @Override
    public boolean contains(int row, int column) {
        return row >= 1 && row <= rows && column >= 1 && column <= columns;
    }

    @Override
    public int seatCount() {
        return rows * columns;
    }

    @Override
    public String idOf(SeatId seat) {
        return seat.toString();
    }

    /** The seat {@code "<row>-<column>"} names; a 400 when the text is not of that form ({@link SeatId#parse}). */
    @Override
    public Optional<SeatId> find(String id) {
        SeatId seat = SeatId.parse(id);
        return contains(seat.row(), seat.column()) ? Optional.of(seat) : Optional.empty();
    }

    @Override
    public List<SeatId> seatsOf(int row) {
        List<SeatId> seats = new ArrayList<>(columns);
        for (int column = 1; column <= columns; column++) {
            seats.add(new SeatId(row, column));
        }
        return seats;
    }

    @Override
    public SeatPlace placeOf(SeatId seat) {
        return null;
    }

    @Override
    public RowRanking ranking() {
        return null;
    }
}
