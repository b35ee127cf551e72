package dev.ticketing.events.model;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.ticketing.problems.InvalidRequestException;
import java.util.Locale;

/**
 * What a hold by seat id may do to the seats around it: {@code allow} any pick (the default), or {@code forbid} a
 * pick that would leave a new lone empty seat (a free seat whose neighbours in the row are both taken or the row's
 * end), which is refused with 422 {@code single-seat} and a suggestion. Best-available never strands a seat while a
 * choice of the same size that does not exists, whatever the rule.
 */
public enum SingleSeatRule {
    ALLOW, FORBID;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code allow} or {@code forbid}; absent means {@code allow}; anything else is a 400. */
    public static SingleSeatRule parse(String value) {
        if (value == null) {
            return ALLOW;
        }
        return switch (value) {
            case "allow" -> ALLOW;
            case "forbid" -> FORBID;
            default -> throw new InvalidRequestException("singleSeatRule must be \"allow\" or \"forbid\", not \"" + value + "\"");
        };
    }
}
