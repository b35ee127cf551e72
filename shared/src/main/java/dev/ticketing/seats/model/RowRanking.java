package dev.ticketing.seats.model;

/**
 * How best available ranks a plan's rows: {@code rowsBestFirst[0]} is the best row; each row's seats score by their
 * distance from the row's own centre, {@code twiceCentre[row]} being the sum of the row's first and last seat's
 * columns (twice the centre, so it stays a whole number). Rows are 1-based; index 0 of {@code twiceCentre} and
 * {@code rank} is unused. {@code rank[row]} is the row's place in {@code rowsBestFirst}.
 */
public record RowRanking(int[] rowsBestFirst, int[] rank, int[] twiceCentre) {
}
