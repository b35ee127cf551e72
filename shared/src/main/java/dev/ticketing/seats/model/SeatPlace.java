package dev.ticketing.seats.model;

import java.math.BigDecimal;

/**
 * A plan seat as people name it and as it is drawn: its section (null when the plan names none), its row's and its own
 * label text ("Row A", "Seat 14"), its category, its position in the plan's units and its flags (issue 20).
 */
public record SeatPlace(String section, String row, String seat, String category, BigDecimal x, BigDecimal y,
                        boolean wheelchair, boolean companion, boolean restrictedView) {

    /**
     * The seat as people name it, as pretix does: its section, its row's label and its own, "Stalls, row I, Seat 16";
     * the section is left out when there is none or the row's label names it already ("Stalls, row %s").
     */
    public String name() {
        boolean sectionNamed = section == null || section.isBlank() || row.contains(section);
        return (sectionNamed ? "" : section + ", ") + row + ", " + seat;
    }
}
