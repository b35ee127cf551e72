package dev.ticketing.local.check;

import dev.ticketing.store.Keys;

/**
 * The only part of the table's layout the checker spells out itself: how to find the holds and payments in a
 * scan (key names and prefixes). Everything else it reads through the stores the functions use ({@code EventReader},
 * {@code SeatBatches}, {@code HoldReader}, {@code PaymentReader}). When the item classes own their keys, point these
 * at them.
 */
final class TableLayout {
    static final String PARTITION_KEY = Keys.PK;
    static final String SORT_KEY = Keys.SK;
    /** The sort key of a hold's and of a payment's own item. */
    static final String MAIN_ITEM = Keys.META;
    static final String HOLD_PREFIX = Keys.hold("");
    static final String PAYMENT_PREFIX = Keys.payment("");

    private TableLayout() {
    }
}
