package dev.ticketing.seats.map;

import dev.ticketing.seats.map.items.SeatMapBlockItems;
import dev.ticketing.store.Table;
import dev.ticketing.seats.items.SeatItems;

import dev.ticketing.seats.items.SeatItems.SeatChange;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Keeps the compact seat map ({@link SeatMapBlockItems}) up to date from the seat changes on the table's stream: the
 * changes of one batch are grouped per block, so a block gets one write per batch however many of its seats changed
 * (a hot block at hundreds of holds a second costs a few writes a second, not one per seat). Safe to run twice on
 * the same records and in any order: every seat's change is applied only if newer than what its block has.
 */
@Singleton
public class SeatMapProjection {
    private final SeatMapBlockItems blocks;

    public SeatMapProjection(Table table) {
        this.blocks = new SeatMapBlockItems(table);
    }

    /**
     * Applies the seat changes among these item images (each the item as it is after a write; other items are
     * ignored). Throws what DynamoDB throws, having applied the blocks before the failing one: applying them all
     * again is harmless.
     *
     * @return how many seat changes were new to the map
     */
    public int apply(List<Map<String, AttributeValue>> newImages) {
        Map<String, List<SeatChange>> perBlock = new LinkedHashMap<>();
        for (Map<String, AttributeValue> image : newImages) {
            Optional<SeatChange> change = SeatItems.change(image);
            change.ifPresent(c -> perBlock.computeIfAbsent(c.eventId() + "#" + c.block(), b -> new ArrayList<>()).add(c));
        }
        int applied = 0;
        for (List<SeatChange> changes : perBlock.values()) {
            applied += blocks.apply(changes.get(0).eventId(), changes.get(0).block(), changes);
        }
        return applied;
    }
}
