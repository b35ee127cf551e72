package dev.ticketing.events.model;

import dev.ticketing.input.Fields;
import dev.ticketing.problems.InvalidRequestException;
import java.math.BigDecimal;
import java.time.Instant;
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
     * The event, created at {@code now}, its fields checked by {@link Fields} (name in code points, dates between
     * 2000 and ten years ahead, prices as ASCII decimal strings): its date must be in the future; sales run from {@code salesStart} (default
     * now) to {@code salesEnd} (default the date), a window that ends after now, starts before it ends and ends no
     * later than the date.
     */
    public Event validate(Instant now) {
        String title = Fields.text("name", name, MAX_NAME_LENGTH);
        Instant when = Fields.instant("date", date, now);
        SingleSeatRule rule = SingleSeatRule.parse(singleSeatRule);
        Instant opens = salesStart == null ? now : Fields.instant("salesStart", salesStart, now);
        Instant closes = salesEnd == null ? when : Fields.instant("salesEnd", salesEnd, now);
        checkSchedule(when, opens, closes, now);
        int rowCount = Fields.integer("rows", rows, 1, MAX_ROWS);
        int columnCount = Fields.integer("columns", columns, 1, MAX_COLUMNS);
        if (rowCount * columnCount > MAX_SEATS) {
            throw invalid("an event has at most " + MAX_SEATS + " seats, this one would have " + rowCount * columnCount);
        }
        Currency money = parseCurrency();
        List<PriceTier> tiers = priceTiers(rowCount, money);
        return new Event(UUID.randomUUID().toString(), title, when, rowCount, columnCount,
                money.getCurrencyCode(), tiers, Event.rowsPerBlockFor(columnCount), rule, opens, closes);
    }

    /**
     * The rules of an event's date and sales window, at creation and at every change ({@link EventChanges}): the date
     * is in the future; sales start before they end, end no later than the date, and end after {@code now}.
     */
    static void checkSchedule(Instant date, Instant salesStart, Instant salesEnd, Instant now) {
        if (!date.isAfter(now)) {
            throw invalid("date " + date + " is in the past; an event is sold before it takes place");
        }
        if (!salesStart.isBefore(salesEnd)) {
            throw invalid("salesStart must be before salesEnd");
        }
        if (salesEnd.isAfter(date)) {
            throw invalid("salesEnd must not be after the event's date");
        }
        if (!salesEnd.isAfter(now)) {
            throw invalid("salesEnd " + salesEnd + " is in the past: the event could never be sold");
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

    /** A price of a seat in {@code currency}: positive, within the currency's decimals, below 1,000,000; else a 400. */
    static BigDecimal money(String amount, Currency currency) {
        BigDecimal value = Fields.decimal("price", amount);
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

    private static InvalidRequestException invalid(String detail) {
        return new InvalidRequestException(detail);
    }
}
