package dev.ticketing.seats.choice;

import dev.ticketing.seats.model.SeatId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lone empty seats: a free seat whose neighbours in the row are both taken or the row's end. The rule every kind of
 * hold shares: what a pick would strand, which seats its "strands nobody" rests on, and the nearest block that
 * strands nobody (pure, on a {@link SeatGrid}; no storage).
 */
public final class LoneSeats {
    private LoneSeats() {
    }

    /**
     * The free seats that would be newly alone once {@code pick} (seats free in {@code grid}) is taken: each is free,
     * not picked, not alone before, and has a taken (or picked) seat or the wall on both sides after. Sorted.
     */
    public static List<SeatId> strandedBy(SeatGrid grid, Collection<SeatId> pick) {
        Set<SeatId> picked = new HashSet<>(pick);
        Set<SeatId> stranded = new TreeSet<>();
        for (SeatId seat : pick) {
            for (int side : new int[] {-1, 1}) {
                SeatId next = new SeatId(seat.row(), seat.column() + side);
                if (isFree(grid, next) && !picked.contains(next) && !lone(grid, next, Set.of())
                        && lone(grid, next, picked)) {
                    stranded.add(next);
                }
            }
        }
        return List.copyOf(stranded);
    }

    /**
     * The seats whose being free, when the pick is taken, keeps it from stranding anyone: for each free seat next to
     * the pick, the free seat beyond it. If those are still free when the pick commits, every seat next to the pick
     * is either taken by then or has a free neighbour, so the pick strands nobody whatever happened meanwhile. A hold
     * transaction checks them (a concurrent neighbour cannot turn a good pick into a stranding one).
     */
    public static List<SeatId> guards(SeatGrid grid, Collection<SeatId> pick) {
        Set<SeatId> picked = new HashSet<>(pick);
        Set<SeatId> guards = new TreeSet<>();
        for (SeatId seat : pick) {
            for (int side : new int[] {-1, 1}) {
                SeatId next = new SeatId(seat.row(), seat.column() + side);
                SeatId beyond = new SeatId(seat.row(), seat.column() + 2 * side);
                if (isFree(grid, next) && !picked.contains(next) && isFree(grid, beyond) && !picked.contains(beyond)) {
                    guards.add(beyond);
                }
            }
        }
        return List.copyOf(guards);
    }

    /**
     * The block of {@code length} adjacent free seats nearest to {@code near} (row distance, then column distance of
     * the block's first seat, then nearer the stage, then left-most) that strands nobody; empty if none.
     */
    public static List<SeatId> nearestBlock(SeatGrid grid, int length, SeatId near) {
        List<Block> candidates = new ArrayList<>();
        for (int row = 1; row <= grid.rows(); row++) {
            int runStart = grid.nextFree(row, 1);
            while (runStart <= grid.columns()) {
                int runEnd = grid.nextTaken(row, runStart) - 1;
                for (int first = runStart, last = first + length - 1; last <= runEnd; first++, last++) {
                    if (first - runStart != 1 && runEnd - last != 1) {
                        candidates.add(new Block(row, first, length, 0, 0, 0));
                    }
                }
                runStart = runEnd + 2 > grid.columns() ? grid.columns() + 1 : grid.nextFree(row, runEnd + 2);
            }
        }
        return candidates.stream()
                .min(Comparator.comparingInt((Block b) -> Math.abs(b.row() - near.row()))
                        .thenComparingInt(b -> Math.abs(b.firstColumn() - near.column()))
                        .thenComparingInt(Block::row)
                        .thenComparingInt(Block::firstColumn))
                .map(Block::seats)
                .orElse(List.of());
    }

    private static boolean isFree(SeatGrid grid, SeatId seat) {
        return seat.column() >= 1 && seat.column() <= grid.columns() && grid.isFree(seat);
    }

    /** Whether free {@code seat} has no free neighbour in its row once {@code taken} are taken too. */
    private static boolean lone(SeatGrid grid, SeatId seat, Set<SeatId> taken) {
        SeatId left = new SeatId(seat.row(), seat.column() - 1);
        SeatId right = new SeatId(seat.row(), seat.column() + 1);
        return !(isFree(grid, left) && !taken.contains(left)) && !(isFree(grid, right) && !taken.contains(right));
    }
}
