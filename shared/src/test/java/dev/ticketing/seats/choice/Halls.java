package dev.ticketing.seats.choice;

import dev.ticketing.seats.model.SeatId;
import java.util.Arrays;
import java.util.List;

/** Halls drawn as text, for readable tests. */
final class Halls {
    private Halls() {
    }

    /** One string per row, row 1 (nearest the stage) first: {@code '.'} is a free seat, {@code 'X'} a taken one. */
    static SeatGrid drawn(String... rows) {
        SeatGrid.Builder grid = SeatGrid.builder(rows.length, rows[0].length());
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length() != rows[0].length()) {
                throw new IllegalArgumentException("row " + (r + 1) + " is not as wide as row 1");
            }
            for (int c = 0; c < rows[r].length(); c++) {
                switch (rows[r].charAt(c)) {
                    case '.' -> grid.free(r + 1, c + 1);
                    case 'X' -> { }
                    default -> throw new IllegalArgumentException("use '.' and 'X', not " + rows[r].charAt(c));
                }
            }
        }
        return grid.build();
    }

    /** Seats by id, e.g. {@code seats("2-4", "2-5")}. */
    static List<SeatId> seats(String... ids) {
        return Arrays.stream(ids).map(SeatId::parse).toList();
    }
}
