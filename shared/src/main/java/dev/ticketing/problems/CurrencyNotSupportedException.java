package dev.ticketing.problems;

import java.util.Map;

/**
 * The request names a currency that no payment provider offered here takes (or not the provider asked for): it would
 * create something nobody could pay for. 422, problem type ending {@code currency-not-supported}.
 */
public class CurrencyNotSupportedException extends TicketingException {
    public CurrencyNotSupportedException(String detail, Map<String, Object> extensions) {
        super(422, "currency-not-supported", "Currency not supported", detail, extensions);
    }
}
