package dev.ticketing.events.model;

import dev.ticketing.problems.InvalidRequestException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /events/{id}/prices}: new prices for row ranges of the event, in its currency,
 * {@code {"currency":"EUR","prices":[{"fromRow":1,"toRow":2,"price":"60.00"}]}}. Rows not named keep their price.
 * What it changes is the price of every seat not yet held or sold: a held or sold seat keeps the price its hold
 * was made at (the hold stores each seat's price).
 */
public record NewPrices(String currency, List<NewEvent.Price> prices, List<NewEvent.CategoryPriceText> categoryPrices) {

    /** New row prices of a rectangle. */
    public NewPrices(String currency, List<NewEvent.Price> prices) {
        this(currency, prices, null);
    }

    /**
     * The event with these prices, or a 400: a currency other than the event's, no prices, a range outside the hall
     * or overlapping another, a price that is not positive, has too many decimals or is too high (the rules of
     * creation: {@link NewEvent#validate}).
     */
    public Event applyTo(Event event) {
        if (currency == null || !currency.equals(event.currency())) {
            throw new InvalidRequestException("currency must be the event's, " + event.currency() + ": prices are "
                    + "in the currency the event sells in", Map.of("currency", event.currency()));
        }
        if (event.plan() != null) {
            return applyToPlan(event);
        }
        if (categoryPrices != null) {
            throw new InvalidRequestException("categoryPrices are for events on a venue's plan; this event is priced "
                    + "by rows: prices [{\"fromRow\",\"toRow\",\"price\"}, ...]");
        }
        if (prices == null || prices.isEmpty()) {
            throw new InvalidRequestException("prices is required: [{\"fromRow\",\"toRow\",\"price\"}, ...]");
        }
        BigDecimal[] byRow = new BigDecimal[event.rows() + 1];
        for (int row = 1; row <= event.rows(); row++) {
            byRow[row] = event.priceOf(row);
        }
        boolean[] named = new boolean[event.rows() + 1];
        Currency money = Currency.getInstance(event.currency());
        for (NewEvent.Price p : prices) {
            if (p == null || p.fromRow() == null || p.toRow() == null || p.price() == null) {
                throw new InvalidRequestException("each price needs fromRow, toRow and price");
            }
            if (p.fromRow() < 1 || p.toRow() > event.rows() || p.fromRow() > p.toRow()) {
                throw new InvalidRequestException("price rows " + p.fromRow() + ".." + p.toRow() + " must lie within 1.."
                        + event.rows());
            }
            BigDecimal price = NewEvent.money(p.price(), money);
            for (int row = p.fromRow(); row <= p.toRow(); row++) {
                if (named[row]) {
                    throw new InvalidRequestException("price rows overlap at row " + row);
                }
                named[row] = true;
                byRow[row] = price;
            }
        }
        return new Event(event.id(), event.name(), event.date(), event.rows(), event.columns(), event.currency(),
                tiers(Arrays.asList(byRow).subList(1, byRow.length)), event.rowsPerBlock(), event.singleSeatRule(),
                event.salesStart(), event.salesEnd(), event.status(), event.failureReason(),
                event.organizerId()).inTimeZone(event.timeZone());
    }

    /** An event on a plan with the categories named given their new price; the others keep theirs. */
    private Event applyToPlan(Event event) {
        if (prices != null) {
            throw new InvalidRequestException("this event is on a venue's plan and priced by category: "
                    + "categoryPrices [{\"category\",\"price\"}, ...]");
        }
        if (categoryPrices == null || categoryPrices.isEmpty()) {
            throw new InvalidRequestException("categoryPrices is required: [{\"category\",\"price\"}, ...]");
        }
        List<String> known = event.plan().categoryPrices().stream().map(CategoryPrice::category).toList();
        Map<String, BigDecimal> changed = NewEvent.categoryPrices(categoryPrices, known,
                Currency.getInstance(event.currency()), false);
        List<CategoryPrice> after = event.plan().categoryPrices().stream()
                .map(price -> new CategoryPrice(price.category(),
                        changed.getOrDefault(price.category(), price.price())))
                .toList();
        return event.withPlan(event.plan().withPrices(after));
    }

    /** Runs of rows at one price, as tiers (row 1 is the list's first). */
    private static List<PriceTier> tiers(List<BigDecimal> rowPrices) {
        List<PriceTier> tiers = new ArrayList<>();
        int from = 1;
        for (int row = 2; row <= rowPrices.size() + 1; row++) {
            if (row > rowPrices.size() || rowPrices.get(row - 1).compareTo(rowPrices.get(from - 1)) != 0) {
                tiers.add(new PriceTier(from, row - 1, rowPrices.get(from - 1)));
                from = row;
            }
        }
        return List.copyOf(tiers);
    }
}
