package dev.ticketing.events;

import dev.ticketing.problems.InvalidRequestException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/** The body of {@code POST /events}; {@link #validate()} turns it into an event or a 400 that says why. */
public record NewEvent(String name, String date, Integer rows, Integer columns, String currency, List<Price> prices,
                       String singleSeatRule, String salesStart, String salesEnd) {
    public static final int MAX_ROWS = 500;
    public static final int MAX_COLUMNS = 500;
    public static final int MAX_SEATS = 100_000;
    public static final int MAX_NAME_LENGTH = 200;

    public record Price(Integer fromRow, Integer toRow, String price) {
    }

    /** The body without the optional fields (rule {@code allow}, sales from now until the date). */
    public NewEvent(String name, String date, Integer rows, Integer columns, String currency, List<Price> prices) {
        this(name, date, rows, columns, currency, prices, null, null, null);
    }

    /**
     * The event, created at {@code now}: its date must be in the future; sales run from {@code salesStart} (default
     * now) to {@code salesEnd} (default the date), a window that ends after now, starts before it ends and ends no
     * later than the date.
     */
    public Event validate(Instant now) {
        if (name == null || name.isBlank()) {
            throw invalid("name is required");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw invalid("name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        Instant when = instant("date", date);
        if (!when.isAfter(now)) {
            throw invalid("date " + date + " is in the past; an event is created before it takes place");
        }
        SingleSeatRule rule = SingleSeatRule.parse(singleSeatRule);
        Instant opens = salesStart == null ? now : instant("salesStart", salesStart);
        Instant closes = salesEnd == null ? when : instant("salesEnd", salesEnd);
        if (!opens.isBefore(closes)) {
            throw invalid("salesStart must be before salesEnd");
        }
        if (closes.isAfter(when)) {
            throw invalid("salesEnd must not be after the event's date");
        }
        if (!closes.isAfter(now)) {
            throw invalid("salesEnd " + closes + " is in the past: the event could never be sold");
        }
        int rowCount = within("rows", rows, MAX_ROWS);
        int columnCount = within("columns", columns, MAX_COLUMNS);
        if (rowCount * columnCount > MAX_SEATS) {
            throw invalid("an event has at most " + MAX_SEATS + " seats, this one would have " + rowCount * columnCount);
        }
        Currency money = parseCurrency();
        List<PriceTier> tiers = priceTiers(rowCount, money);
        return new Event(UUID.randomUUID().toString(), name.strip(), when, rowCount, columnCount,
                money.getCurrencyCode(), tiers, Event.rowsPerBlockFor(columnCount), rule, opens, closes);
    }

    private static Instant instant(String field, String value) {
        if (value == null) {
            throw invalid(field + " is required (ISO-8601, e.g. 2026-12-24T20:30:00Z)");
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(field + " must be an ISO-8601 date-time with offset, e.g. 2026-12-24T20:30:00Z");
        }
    }

    private Currency parseCurrency() {
        if (currency == null) {
            throw invalid("currency is required (ISO 4217, e.g. EUR)");
        }
        try {
            Currency money = Currency.getInstance(currency);
            if (money.getDefaultFractionDigits() < 0) {
                throw invalid("currency " + currency + " has no minor unit and cannot be used");
            }
            return money;
        } catch (IllegalArgumentException e) {
            throw invalid("currency must be an ISO 4217 code, e.g. EUR");
        }
    }

    private List<PriceTier> priceTiers(int rowCount, Currency money) {
        if (prices == null || prices.isEmpty()) {
            throw invalid("prices are required: every row must be priced");
        }
        List<PriceTier> tiers = new ArrayList<>();
        for (Price p : prices) {
            if (p == null || p.fromRow() == null || p.toRow() == null || p.price() == null) {
                throw invalid("each price needs fromRow, toRow and price");
            }
            if (p.fromRow() < 1 || p.toRow() > rowCount || p.fromRow() > p.toRow()) {
                throw invalid("price rows " + p.fromRow() + ".." + p.toRow() + " must lie within 1.." + rowCount);
            }
            tiers.add(new PriceTier(p.fromRow(), p.toRow(), money(p.price(), money)));
        }
        tiers.sort(Comparator.comparingInt(PriceTier::fromRow));
        int nextRow = 1;
        for (PriceTier tier : tiers) {
            if (tier.fromRow() != nextRow) {
                throw invalid(tier.fromRow() < nextRow
                        ? "price tiers overlap at row " + tier.fromRow()
                        : "rows " + nextRow + ".." + (tier.fromRow() - 1) + " have no price");
            }
            nextRow = tier.toRow() + 1;
        }
        if (nextRow != rowCount + 1) {
            throw invalid("rows " + nextRow + ".." + rowCount + " have no price");
        }
        return List.copyOf(tiers);
    }

    private static BigDecimal money(String amount, Currency currency) {
        BigDecimal value;
        try {
            value = new BigDecimal(amount);
        } catch (NumberFormatException e) {
            throw invalid("price \"" + amount + "\" is not a decimal number");
        }
        if (value.signum() <= 0) {
            // a zero price could never be paid (no provider charges 0): a dead end for the buyer
            throw invalid("price " + amount + " must be positive (negative prices and free seats are not sold)");
        }
        if (value.stripTrailingZeros().scale() > currency.getDefaultFractionDigits()) {
            throw invalid("price " + amount + " has more decimals than " + currency.getCurrencyCode() + " allows");
        }
        if (value.compareTo(new BigDecimal("1000000")) >= 0) {
            throw invalid("price " + amount + " is too high");
        }
        return value.setScale(currency.getDefaultFractionDigits());
    }

    private static int within(String field, Integer value, int max) {
        if (value == null) {
            throw invalid(field + " is required");
        }
        if (value < 1 || value > max) {
            throw invalid(field + " must be 1.." + max);
        }
        return value;
    }

    private static InvalidRequestException invalid(String detail) {
        return new InvalidRequestException(detail);
    }
}
