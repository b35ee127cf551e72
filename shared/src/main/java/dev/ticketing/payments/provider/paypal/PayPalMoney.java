package dev.ticketing.payments.provider.paypal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Set;

/**
 * PayPal's amount strings: a plain decimal with exactly the currency's number of decimals ("49.00", "5000"
 * for JPY). Never a double, so a price is never off by a binary fraction.
 */
public final class PayPalMoney {
    /**
     * The currencies PayPal takes for payments, from its REST API's currency codes list
     * (developer.paypal.com/api/rest/reference/currency-codes/). RUB is left out: PayPal stopped taking it. An order
     * in any other currency is refused with 422 CURRENCY_NOT_SUPPORTED.
     */
    public static final Set<String> CURRENCIES = Set.of("AUD", "BRL", "CAD", "CNY", "CZK", "DKK", "EUR", "HKD", "HUF",
            "ILS", "JPY", "MYR", "MXN", "TWD", "NZD", "NOK", "PHP", "PLN", "GBP", "SGD", "SEK", "CHF", "THB", "USD");

    /** ISO gives these two decimals, but PayPal accepts whole amounts only. */
    private static final Set<String> WHOLE_AMOUNTS_ONLY = Set.of("HUF", "JPY", "TWD");

    private PayPalMoney() {
    }

    /**
     * The amount as PayPal wants it. An amount with more decimals than the currency has is refused rather than
     * rounded: charging a different amount than the caller computed would be a silent bug.
     */
    public static String format(BigDecimal amount, String currency) {
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        try {
            return amount.setScale(decimals(currency), RoundingMode.UNNECESSARY).toPlainString();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(amount.toPlainString() + " has more decimals than " + currency + " allows");
        }
    }

    /** The number of decimals PayPal uses for the currency; unknown codes are refused. */
    public static int decimals(String currency) {
        if (currency == null) {
            throw new IllegalArgumentException("currency is required");
        }
        if (WHOLE_AMOUNTS_ONLY.contains(currency)) {
            return 0;
        }
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown currency " + currency);
        }
    }

    /** Reads an amount string PayPal sent, e.g. {@code amount.value}. */
    public static BigDecimal parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("amount value is missing");
        }
        return new BigDecimal(value.trim());
    }
}
