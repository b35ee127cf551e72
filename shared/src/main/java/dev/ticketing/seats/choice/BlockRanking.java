package dev.ticketing.seats.choice;

import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/** Finds the best blocks of adjacent free seats in one row, in {@link Block#BEST_FIRST} order. */
final class BlockRanking {
    private BlockRanking() {
    }

    static List<Block> best(SeatGrid grid, Scoring scoring, int length, int limit) {
        if (length > grid.columns() || length > grid.freeCount()) {
            return List.of();
        }
        // The worst kept block on top, so a better one can replace it: only `limit` blocks are ever held.
        PriorityQueue<Block> kept = new PriorityQueue<>(Math.min(limit, 64), Block.BEST_FIRST.reversed());
        // Rows nearest the preferred one first: once every kept block scores below what any further row could,
        // no further row can contribute, which keeps an emptyish hall to a handful of rows.
        for (int distance = 0; distance <= scoring.maxRowDistance(); distance++) {
            // (a kept block that strands a seat can still be beaten by any block further away that does not)
            if (kept.size() == limit && kept.peek().orphans() == 0 && kept.peek().rank() < Scoring.ROW_PENALTY * distance) {
                break;
            }
            offerRow(grid, scoring, scoring.rowAt(distance, true), length, limit, kept);
            offerRow(grid, scoring, scoring.rowAt(distance, false), length, limit, kept);
        }
        Block[] ranked = kept.toArray(new Block[0]);
        Arrays.sort(ranked, Block.BEST_FIRST);
        return List.of(ranked);
    }

    private static void offerRow(SeatGrid grid, Scoring scoring, int row, int length, int limit,
                                 PriorityQueue<Block> kept) {
        if (row == 0) {
            return;
        }
        int runStart = grid.nextFree(row, 1);
        while (runStart <= grid.columns()) {
            int runEnd = grid.nextTaken(row, runStart) - 1;
            for (int first = runStart, last = first + length - 1; last <= runEnd; first++, last++) {
                int halfScore = scoring.halfScore(row, first, length);
                // Only the seat just left or right of the block can end up alone, and it does exactly when the
                // run (bounded by taken seats or the wall) ends right behind it.
                int orphans = (first - runStart == 1 ? 1 : 0) + (runEnd - last == 1 ? 1 : 0);
                int misfits = (Scoring.misfit(first - runStart, length) ? 1 : 0)
                        + (Scoring.misfit(runEnd - last, length) ? 1 : 0);
                Block block = new Block(row, first, length, halfScore, orphans, misfits);
                if (kept.size() < limit) {
                    kept.add(block);
                } else if (Block.BEST_FIRST.compare(block, kept.peek()) < 0) {
                    kept.poll();
                    kept.add(block);
                }
            }
            if (runEnd + 2 > grid.columns()) {
                return;
            }
            runStart = grid.nextFree(row, runEnd + 2);
        }
    }
}
