package dev.ticketing.admission.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A ticket let in ({@code 200} of a check-in): which ticket and order, the seat (id, row, seat, the label to call
 * out), the buyer's name (null for orders without a buyer), and when and on which device, by which scan.
 */
public record Admitted(String ticketId, String orderCode, String seatId, int row, int seat, String label,
                       @JsonInclude(JsonInclude.Include.ALWAYS) String name, Instant admittedAt, String deviceId,
                       String scanId) {
}
