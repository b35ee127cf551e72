package dev.ticketing.events.model;

import dev.ticketing.input.Fields;
import dev.ticketing.problems.InvalidRequestException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import dev.ticketing.venues.model.PlanGrid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The body of {@code POST /events}: a rectangle ({@code rows}, {@code columns}, {@code prices} by rows) or an event on
 * a venue's plan ({@code venueId}, {@code categoryPrices}; issue 20). {@link #validate} turns a rectangle's into an
 * event, {@link #validateOnPlan} a plan's, or a 400 that says why.
 */
public record NewEvent(String name, String date, Integer rows, Integer columns, String currency, List<Price> prices,
                       String singleSeatRule, String salesStart, String salesEnd, String venueId,
                       List<CategoryPriceText> categoryPrices, String timeZone) {
    public static final int MAX_ROWS = 500;
    public static final int MAX_COLUMNS = 500;
    public static final int MAX_SEATS = 100_000;
    public static final int MAX_NAME_LENGTH = 200;

    public record Price(Integer fromRow, Integer toRow, String price) {
    }

    /** A category's price as asked: {@code {"category":"A","price":"45.00"}}. */
    public record CategoryPriceText(String category, String price) {
    }

    /** A rectangle's body with every optional field. */
    public NewEvent(String name, String date, Integer rows, Integer columns, String currency, List<Price> prices,
                    String singleSeatRule, String salesStart, String salesEnd) {
        this(name, date, rows, columns, currency, prices, singleSeatRule, salesStart, salesEnd, null, null, null);
    }

    /** Whether the body asks for an event on a venue's plan. */
    public boolean onVenue() {
        return venueId != null;
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
        if (categoryPrices != null) {
            throw invalid("categoryPrices are for an event on a venue's plan: give venueId too, or price a "
                    + "rectangle by rows with prices");
        }
        Show show = show(now);
        int rowCount = Fields.integer("rows", rows, 1, MAX_ROWS);
        int columnCount = Fields.integer("columns", columns, 1, MAX_COLUMNS);
        if (rowCount * columnCount > MAX_SEATS) {
            throw invalid("an event has at most " + MAX_SEATS + " seats, this one would have " + rowCount * columnCount);
        }
        Currency money = parseCurrency();
        List<PriceTier> tiers = priceTiers(rowCount, money);
        return new Event(UUID.randomUUID().toString(), show.title(), show.date(), rowCount, columnCount,
                money.getCurrencyCode(), tiers, Event.rowsPerBlockFor(columnCount), show.rule(), show.opens(),
                show.closes()).inTimeZone(show.zone());
    }

    /**
     * The event on version {@code version} of venue {@code venueId}'s plan, whose grid is {@code grid} and whose
     * categories are {@code categories}, created at {@code now}: the fields a rectangle has too are checked as
     * {@link #validate} checks them; {@code rows}, {@code columns} and {@code prices} must be absent (the plan says
     * where the seats are); {@code categoryPrices} must price every category of the plan once, and nothing else.
     */
    public Event validateOnPlan(Instant now, int version, List<String> categories, PlanGrid grid) {
        if (rows != null || columns != null || prices != null) {
            throw invalid("an event on a venue's plan takes categoryPrices; rows, columns and prices are for a "
                    + "rectangle");
        }
        Show show = show(now);
        Currency money = parseCurrency();
        if (categoryPrices == null || categoryPrices.isEmpty()) {
            throw invalid("categoryPrices is required: every category of the plan priced, [{\"category\",\"price\"}]");
        }
        Map<String, BigDecimal> priced = categoryPrices(categoryPrices, categories, money, true);
        List<CategoryPrice> plan = categories.stream().map(c -> new CategoryPrice(c, priced.get(c))).toList();
        return new Event(UUID.randomUUID().toString(), show.title(), show.date(), grid.rows(), grid.columns(),
                money.getCurrencyCode(), List.of(), Event.rowsPerBlockFor(grid.columns()), show.rule(), show.opens(),
                show.closes(),
                EventStatus.ON_SALE, null, null, new EventPlan(venueId, version, plan, grid), show.zone());
    }

    /** The fields every event has, checked: name, date, single-seat rule, sales window, time zone. */
    private record Show(String title, Instant date, SingleSeatRule rule, Instant opens, Instant closes, String zone) {
    }

    private Show show(Instant now) {
        String title = Fields.text("name", name, MAX_NAME_LENGTH);
        Instant when = Fields.instant("date", date, now);
        SingleSeatRule rule = SingleSeatRule.parse(singleSeatRule);
        Instant opens = salesStart == null ? now : Fields.instant("salesStart", salesStart, now);
        Instant closes = salesEnd == null ? when : Fields.instant("salesEnd", salesEnd, now);
        checkSchedule(when, opens, closes, now);
        return new Show(title, when, rule, opens, closes, timeZone == null ? null : timeZone(timeZone));
    }

    /**
     * An event's time zone as asked: an IANA region id such as {@code Europe/Rome} or {@code America/New_York} (or
     * {@code UTC}), the form pretix and the browser's {@code Intl} take; a 400 naming {@code timeZone} for anything
     * else (an offset such as {@code +02:00} does not follow summer time).
     */
    public static String timeZone(String asked) {
        if (asked.length() > 64 || !java.time.ZoneId.getAvailableZoneIds().contains(asked)) {
            throw new InvalidRequestException("timeZone must be an IANA time zone such as Europe/Rome, not "
                    + (asked.length() > 64 ? asked.substring(0, 64) + "..." : asked), Map.of("field", "timeZone"));
        }
        return asked;
    }

    /**
     * Category prices checked against the plan's {@code categories}: each a known category, named once, with a price
     * as {@link #money} checks it; with {@code all}, every category must be priced. A 400 naming the category
     * otherwise.
     */
    static Map<String, BigDecimal> categoryPrices(List<CategoryPriceText> asked, List<String> categories,
                                                  Currency currency, boolean all) {
        Map<String, BigDecimal> priced = new LinkedHashMap<>();
        for (CategoryPriceText price : asked) {
            if (price == null || price.category() == null || price.price() == null) {
                throw invalid("each category price needs category and price");
            }
            if (!categories.contains(price.category())) {
                throw new InvalidRequestException("the plan has no category \"" + price.category() + "\"; its "
                        + "categories: " + String.join(", ", categories), Map.of("category", price.category()));
            }
            if (priced.put(price.category(), money(price.price(), currency)) != null) {
                throw new InvalidRequestException("category \"" + price.category() + "\" is priced twice",
                        Map.of("category", price.category()));
            }
        }
        if (all) {
            List<String> unpriced = categories.stream().filter(c -> !priced.containsKey(c)).toList();
            if (!unpriced.isEmpty()) {
                throw new InvalidRequestException("every category of the plan needs a price; not priced: "
                        + String.join(", ", unpriced), Map.of("unpricedCategories", unpriced));
            }
        }
        return priced;
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
