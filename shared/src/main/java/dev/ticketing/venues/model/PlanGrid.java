package dev.ticketing.venues.model;

import dev.ticketing.seats.model.RowRanking;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.seats.model.SeatLayout;
import dev.ticketing.seats.model.SeatPlace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A plan version as the seat engine sees it (issue 20, item 3): one grid row per plan row, in the plan's order
 * (sections, then their rows), its seats from column 1 in row order, with <b>one empty place wherever a seat has
 * {@link PlanSeat#gapBefore}</b>. An empty place is never free, so the engine's adjacency (consecutive columns) is the
 * plan's ({@link Row#neighbours}), and "N together" and the single-seat rule treat an aisle or gap as a row's end.
 *
 * <p><b>Best</b> ({@link #ranking()}): rows rank by the distance from the plan's focal point ({@link Plan#focus}) to
 * the row's middle seat, nearest first (ties: the plan's order); within a row, seats rank by their distance from
 * the row's own centre, as in a rectangle. A plan overrides the rule by its {@code focalPoint}.
 *
 * <p>Built once per plan version and immutable (plan versions never change), so an instance keeps it for every
 * event on that version. Its seats are held in arrays in plan order, about 100 bytes a seat.
 */
public final class PlanGrid implements SeatLayout {
    private final int rows;
    private final int columns;
    private final String[] ids;
    private final SeatPlace[] places;
    /** Each seat's grid column; seats of a row are consecutive in these arrays, in row order. */
    private final int[] columnOf;
    /** Index of grid row r's first seat in the arrays ({@code firstSeat[rows + 1]} is the seat count). */
    private final int[] firstSeat;
    private final Map<String, Integer> indexOfId;
    private final RowRanking ranking;
    /** What the plan says beyond its seats: its name, size, focal point and categories (for its answer). */
    private final Plan outline;

    private PlanGrid(int rows, int columns, String[] ids, SeatPlace[] places, int[] columnOf, int[] firstSeat,
                     RowRanking ranking, Plan outline) {
        this.rows = rows;
        this.columns = columns;
        this.ids = ids;
        this.places = places;
        this.columnOf = columnOf;
        this.firstSeat = firstSeat;
        this.ranking = ranking;
        this.outline = outline;
        this.indexOfId = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            indexOfId.put(ids[i], i);
        }
    }

    /** The grid of {@code plan}, which must have at least one seat (an import refuses a plan with none). */
    public static PlanGrid of(Plan plan) {
        List<Row> planRows = new ArrayList<>();
        List<String> sectionOf = new ArrayList<>();
        for (Section section : plan.sections()) {
            for (Row row : section.rows()) {
                if (!row.seats().isEmpty()) {
                    planRows.add(row);
                    sectionOf.add(section.name());
                }
            }
        }
        int seatCount = planRows.stream().mapToInt(row -> row.seats().size()).sum();
        if (seatCount == 0) {
            throw new IllegalArgumentException("plan " + plan.name() + " has no seats");
        }
        int rowCount = planRows.size();
        String[] ids = new String[seatCount];
        SeatPlace[] places = new SeatPlace[seatCount];
        int[] columnOf = new int[seatCount];
        int[] firstSeat = new int[rowCount + 2];
        int[] twiceCentre = new int[rowCount + 1];
        double[] distance = new double[rowCount + 1];
        int width = 1;
        int next = 0;
        for (int r = 1; r <= rowCount; r++) {
            Row row = planRows.get(r - 1);
            firstSeat[r] = next;
            int column = 0;
            for (PlanSeat seat : row.seats()) {
                column += seat.gapBefore() && column > 0 ? 2 : 1;
                ids[next] = seat.id();
                places[next] = new SeatPlace(sectionOf.get(r - 1), row.labelText(), row.seatText(seat), seat.category(),
                        seat.position().x(), seat.position().y(), seat.wheelchair(), seat.companion(),
                        seat.restrictedView());
                columnOf[next] = column;
                next++;
            }
            width = Math.max(width, column);
            twiceCentre[r] = 1 + column;
            distance[r] = row.seats().get(row.seats().size() / 2).position().distanceTo(plan.focus());
        }
        firstSeat[rowCount + 1] = next;
        int[] bestFirst = IntStream.rangeClosed(1, rowCount).boxed()
                .sorted(Comparator.<Integer>comparingDouble(r -> distance[r]).thenComparingInt(r -> r))
                .mapToInt(Integer::intValue).toArray();
        int[] rank = new int[rowCount + 1];
        for (int i = 0; i < bestFirst.length; i++) {
            rank[bestFirst[i]] = i;
        }
        Plan outline = new Plan(plan.name(), plan.width(), plan.height(), plan.focus(), plan.categories(), List.of(),
                null);
        return new PlanGrid(rowCount, width, ids, places, columnOf, firstSeat,
                new RowRanking(bestFirst, rank, twiceCentre), outline);
    }

    /**
     * The plan without its seats (which are here, in grid order): its name, size, focal point ({@link Plan#focus}:
     * the default made explicit) and categories.
     */
    public Plan outline() {
        return outline;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int columns() {
        return columns;
    }

    @Override
    public boolean contains(int row, int column) {
        return indexOf(row, column) >= 0;
    }

    @Override
    public int seatCount() {
        return ids.length;
    }

    @Override
    public String idOf(SeatId seat) {
        return ids[require(seat)];
    }

    @Override
    public Optional<SeatId> find(String id) {
        Integer index = indexOfId.get(id);
        return index == null ? Optional.empty() : Optional.of(seatAt(index));
    }

    @Override
    public List<SeatId> seatsOf(int row) {
        List<SeatId> seats = new ArrayList<>(firstSeat[row + 1] - firstSeat[row]);
        for (int i = firstSeat[row]; i < firstSeat[row + 1]; i++) {
            seats.add(new SeatId(row, columnOf[i]));
        }
        return seats;
    }

    @Override
    public SeatPlace placeOf(SeatId seat) {
        return places[require(seat)];
    }

    @Override
    public RowRanking ranking() {
        return ranking;
    }

    private SeatId seatAt(int index) {
        int row = Arrays.binarySearch(firstSeat, 1, rows + 1, index);
        if (row < 0) {
            row = -row - 2; // the last row starting before the index (every row has a seat: starts only grow)
        }
        return new SeatId(row, columnOf[index]);
    }

    /** The seat's index in the arrays, or -1 when the place is empty or outside the grid. */
    private int indexOf(int row, int column) {
        if (row < 1 || row > rows || column < 1 || column > columns) {
            return -1;
        }
        int found = Arrays.binarySearch(columnOf, firstSeat[row], firstSeat[row + 1], column);
        return found >= 0 ? found : -1;
    }

    private int require(SeatId seat) {
        int index = indexOf(seat.row(), seat.column());
        if (index < 0) {
            throw new IllegalArgumentException("no seat at " + seat + " of the plan's grid");
        }
        return index;
    }
}
