package dev.ticketing.seats.map.items;

import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.s;

import dev.ticketing.events.model.Event;
import dev.ticketing.seats.items.SeatItems;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.seats.model.SeatStatus;
import dev.ticketing.store.Attr;
import dev.ticketing.store.Keys;
import dev.ticketing.store.Table;
import dev.ticketing.seats.items.SeatItems.SeatChange;
import dev.ticketing.seats.items.SeatItems.StoredSeat;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The compact seat map: one small item per seat block (the same blocks as {@link SeatItems}' partitions), kept by
 * the seat-map projection from the table's stream, so that reading a whole map is one BatchGetItem of a few
 * kilobytes per block instead of a query of every seat.
 *
 * <p>Partition {@code SEATMAP#<eventId>#<block>} (one partition per block, like the seats, so readers of one event
 * spread over partitions), sort key {@code MAP}. Attributes:
 * <ul>
 *   <li>{@code version}: bumped by every write that changes the item; the map's version (ETag) is made from these;</li>
 *   <li>per seat that ever changed, its row and column in base 36, two digits each ({@code "1k0c"} is 56-12): the
 *       number {@code <seat version>.<status ordinal><expires_at, 13 digits>} ({@link SeatItems#VERSION}; the expiry
 *       epoch millis only while RESERVED), so "newer" is one numeric comparison in a condition, and a seat costs
 *       ~6 bytes (~13 while reserved).</li>
 * </ul>
 * A seat without an attribute is AVAILABLE at version 0, which is how every seat is created; so a new event's map is
 * whole before its first change without any block item, and the projection creates an item at its first change.
 * A block of 1,000 seats is at most ~13 KB (all reserved), ~6 KB once sold.
 *
 * <p>Every write is a conditional UpdateItem that applies a seat's change only if it is newer than the seat's value
 * in the item: a redelivered or out-of-order stream batch never takes a seat back to an older state.
 * Stateless: built by each use case from the {@link Table} it writes to, not a bean.
 */
public class SeatMapBlockItems {
    /** The first part of a block item's partition key. */
    public static final String PARTITION_PREFIX = "SEATMAP";
    static final String VERSION = "version";
    private static final String SORT_KEY = "MAP";
    /** Digits after the point: the status ordinal, then 13 for the expiry in epoch millis. */
    private static final int FRACTION_DIGITS = 14;
    private static final long EXPIRY_SCALE = 10_000_000_000_000L;
    /** Seats per UpdateItem: keeps the condition (~45 characters a seat) well under DynamoDB's 4 KB per expression. */
    static final int SEATS_PER_WRITE = 25;
    /** BatchGetItem takes at most 100 keys. */
    private static final int KEYS_PER_READ = 100;

    /** One block item as read: its version (0 if it does not exist yet) and its seats' values. */
    public record StoredBlock(int block, long version, Map<String, AttributeValue> item) {
        /** The seat as this block has it; a seat never changed is AVAILABLE. */
        public StoredSeat seat(SeatId seat) {
            AttributeValue value = item.get(name(seat));
            if (value == null) {
                return new StoredSeat(seat, SeatStatus.AVAILABLE, 0, null);
            }
            return stored(seat, value);
        }

        /**
         * The seats this block item has a value for (every seat changed since the event was created), each with its
         * version; a seat not among them is AVAILABLE at version 0.
         */
        public List<StoredSeat> changedSeats() {
            List<StoredSeat> changed = new ArrayList<>();
            item.forEach((name, value) -> {
                SeatId seat = value.n() == null ? null : seatOf(name);
                if (seat != null) {
                    changed.add(stored(seat, value));
                }
            });
            return changed;
        }

        private static StoredSeat stored(SeatId seat, AttributeValue value) {
            BigDecimal number = new BigDecimal(value.n());
            BigDecimal version = new BigDecimal(number.toBigInteger());
            long fraction = number.subtract(version).movePointRight(FRACTION_DIGITS).longValueExact();
            return new StoredSeat(seat, SeatStatus.values()[(int) (fraction / EXPIRY_SCALE)], fraction % EXPIRY_SCALE,
                    null, version.longValueExact());
        }
    }

    private final Table table;

    public SeatMapBlockItems(Table table) {
        this.table = table;
    }

    public static String partition(String eventId, int block) {
        return Keys.of(PARTITION_PREFIX, eventId, Integer.toString(block));
    }

    /** A seat's attribute: its row and column in base 36, two digits each (rows and columns are at most 500). */
    static String name(SeatId seat) {
        if (seat.row() >= 36 * 36 || seat.column() >= 36 * 36) {
            // a plan's grid may have more rows than two digits hold: a longer name, never equal to a short one
            return "x" + Integer.toString(seat.row(), 36) + "_" + Integer.toString(seat.column(), 36);
        }
        return base36(seat.row()) + base36(seat.column());
    }

    /** The seat an attribute of a block item is about ({@link #name}), or null for the item's other attributes. */
    static SeatId seatOf(String name) {
        if (name.length() == 4 && name.chars().allMatch(Character::isLetterOrDigit)) {
            return new SeatId(Integer.parseInt(name.substring(0, 2), 36), Integer.parseInt(name.substring(2), 36));
        }
        int split = name.indexOf('_');
        if (name.startsWith("x") && split > 1) {
            return new SeatId(Integer.parseInt(name.substring(1, split), 36), Integer.parseInt(name.substring(split + 1), 36));
        }
        return null;
    }

    private static String base36(int number) {
        String digits = Integer.toString(number, 36);
        return digits.length() == 1 ? "0" + digits : digits;
    }

    /** A seat's value: its version, then after the point its status and, while RESERVED, its expiry. */
    static String value(SeatChange change) {
        long expiry = change.status() == SeatStatus.RESERVED ? change.expiresAtMillis() : 0;
        BigDecimal fraction = BigDecimal.valueOf(change.status().ordinal() * EXPIRY_SCALE + expiry)
                .movePointLeft(FRACTION_DIGITS);
        return BigDecimal.valueOf(change.version()).add(fraction).stripTrailingZeros().toPlainString();
    }

    static Map<String, AttributeValue> key(String eventId, int block) {
        return Map.of(Keys.PK, s(partition(eventId, block)), Keys.SK, s(SORT_KEY));
    }

    /**
     * Applies these changes of one block's seats, each only if newer than what the block item has for its seat.
     * Several seats go in one UpdateItem; if any of them is not newer, those seats are tried one by one, and a seat
     * whose condition fails is left as it is (the item already has that change or a later one).
     *
     * @return how many seat changes were written (0 when all were old news)
     */
    public int apply(String eventId, int block, Collection<SeatChange> changes) {
        Map<SeatId, SeatChange> latest = new LinkedHashMap<>();
        for (SeatChange change : changes) {
            latest.merge(change.seat(), change, (a, b) -> a.version() >= b.version() ? a : b);
        }
        List<SeatChange> pending = new ArrayList<>(latest.values());
        int applied = 0;
        for (int from = 0; from < pending.size(); from += SEATS_PER_WRITE) {
            List<SeatChange> chunk = pending.subList(from, Math.min(from + SEATS_PER_WRITE, pending.size()));
            if (table.writeAlone(update(eventId, block, chunk))) {
                applied += chunk.size();
            } else if (chunk.size() > 1) {
                for (SeatChange one : chunk) {
                    applied += table.writeAlone(update(eventId, block, List.of(one))) ? 1 : 0;
                }
            }
        }
        return applied;
    }

    private TransactWriteItem update(String eventId, int block, List<SeatChange> changes) {
        List<String> sets = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":one", n(1));
        for (int i = 0; i < changes.size(); i++) {
            SeatChange change = changes.get(i);
            names.put("#s" + i, name(change.seat()));
            values.put(":s" + i, AttributeValue.fromN(value(change)));
            sets.add("#s" + i + " = :s" + i);
            conditions.add("(attribute_not_exists(#s" + i + ") OR #s" + i + " < :s" + i + ")");
        }
        String expression = "SET " + String.join(", ", sets) + " ADD " + VERSION + " :one";
        return TransactWriteItem.builder().update(Update.builder().tableName(table.name())
                .key(key(eventId, block))
                .updateExpression(expression)
                .conditionExpression(String.join(" AND ", conditions))
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build()).build();
    }

    /**
     * Every block item of the event, read strongly consistently (so what the projection wrote before is seen), in
     * block order; a block without an item yet reads as version 0 with every seat AVAILABLE.
     */
    public List<StoredBlock> readAll(Event event) {
        return readAll(event, true);
    }

    /**
     * The same, read strongly consistently or not: an eventually consistent read costs half and may miss the last
     * writes (fine for a reader that only takes it as a hint, as best available's allocator does).
     */
    public List<StoredBlock> readAll(Event event, boolean consistent) {
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        for (int from = 0; from < event.blockCount(); from += KEYS_PER_READ) {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (int block = from; block < Math.min(from + KEYS_PER_READ, event.blockCount()); block++) {
                keys.add(key(event.id(), block));
            }
            table.client().batchGetItemPaginator(b -> b.requestItems(Map.of(table.name(),
                            KeysAndAttributes.builder().keys(keys).consistentRead(consistent).build())))
                    .stream()
                    .flatMap(page -> page.responses().getOrDefault(table.name(), List.of()).stream())
                    .forEach(item -> found.put(item.get(Keys.PK).s(), item));
        }
        List<StoredBlock> blocks = new ArrayList<>(event.blockCount());
        for (int block = 0; block < event.blockCount(); block++) {
            Map<String, AttributeValue> item = found.getOrDefault(partition(event.id(), block), Map.of());
            blocks.add(new StoredBlock(block, Attr.num(item, VERSION), item));
        }
        return blocks;
    }
}
