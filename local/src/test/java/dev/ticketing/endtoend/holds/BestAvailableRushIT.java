package dev.ticketing.endtoend.holds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.TestStack;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Best available under an on-sale rush: nobody is refused while a block that fits remains, nobody is given a block
 * that leaves a lone empty seat when another would not, and no seat is ever held twice.
 */
class BestAvailableRushIT {
    private final Api api = TestStack.api();

    @Test
    void thirtyBuyersOfTwoTogetherAtOnceAllGetAPairOfAThreeByTwentyHallAndNoSeatIsStranded() throws Exception {
        assertEveryPairBuyerIsServed(3, 20);
    }

    @Test
    void sixtyFourBuyersOfTwoTogetherAtOnceAllGetAPairOfAFourByThirtyTwoHall() throws Exception {
        assertEveryPairBuyerIsServed(4, 32);
    }

    private void assertEveryPairBuyerIsServed(int rows, int columns) throws Exception {
        String event = api.createEvent(rows, columns);
        int buyers = rows * columns / 2;

        List<Api.Response> answers = Rush.of(api, buyers, buyer -> Map.of("quantity", 2, "together", true), event);

        Set<String> held = new HashSet<>();
        for (Api.Response answer : answers) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
            List<String> seats = Rush.seatIds(answer.json());
            assertAdjacentInOneRow(seats);
            seats.forEach(seat -> assertThat(held.add(seat)).as("seat %s held twice", seat).isTrue());
        }
        List<String> map = api.compactRows(event);
        assertThat(map).allSatisfy(row -> assertThat(row).matches("R+"));
        assertThat(Rush.loneSeats(map)).isEmpty();
    }

    @Test
    void inAMixedRushABuyerIsRefusedOnlyWhenNoBlockOfTheirSizeIsLeft() throws Exception {
        String event = api.createEvent(4, 23); // 92 seats for about 120 asked
        int[] sizes = {2, 3, 4};
        int buyers = 40;

        List<Api.Response> answers = Rush.of(api, buyers,
                buyer -> Map.of("quantity", sizes[buyer % sizes.length], "together", true), event);

        List<String> map = api.compactRows(event);
        Set<String> held = new HashSet<>();
        int refused = 0;
        for (int buyer = 0; buyer < buyers; buyer++) {
            Api.Response answer = answers.get(buyer);
            int size = sizes[buyer % sizes.length];
            if (answer.status() == 201) {
                List<String> seats = Rush.seatIds(answer.json());
                assertThat(seats).hasSize(size);
                assertAdjacentInOneRow(seats);
                seats.forEach(seat -> assertThat(held.add(seat)).as("seat %s held twice", seat).isTrue());
            } else {
                refused++;
                assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
                assertThat(answer.json().get("type").asText()).endsWith("not-enough-seats");
                assertThat(Rush.hasBlock(map, size)).as("refused %d together while %s has such a block", size, map)
                        .isFalse();
            }
        }
        assertThat(refused).as("more was asked than the hall has").isPositive();
        assertThat(map.stream().mapToLong(row -> row.chars().filter(c -> c == 'R').count()).sum())
                .isEqualTo(held.size());
    }

    @Test
    void bestAvailableBuyersRacingBuyersWhoPickByIdAreRefusedOnlyWhenNoPairIsLeft() throws Exception {
        String event = api.createEvent(3, 20);
        int buyers = 36; // every third picks a pair by id: those races are lost and won by the allocator's picks

        List<Api.Response> answers = Rush.of(api, buyers, buyer -> buyer % 3 == 0
                ? Map.of("seats", List.of("1-" + (9 + buyer % 4), "1-" + (10 + buyer % 4)))
                : Map.of("quantity", 2, "together", true), event);

        List<String> map = api.compactRows(event);
        Set<String> held = new HashSet<>();
        for (int buyer = 0; buyer < buyers; buyer++) {
            Api.Response answer = answers.get(buyer);
            if (answer.status() == 201) {
                Rush.seatIds(answer.json()).forEach(seat -> assertThat(held.add(seat)).as("seat %s held twice", seat).isTrue());
            } else if (buyer % 3 != 0) {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
                assertThat(Rush.hasBlock(map, 2)).as("refused a pair while %s has one", map).isFalse();
            }
        }
        assertThat(map.stream().mapToLong(row -> row.chars().filter(c -> c == 'R').count()).sum()).isEqualTo(held.size());
    }

    @Test
    void aSplitRequestIsRefusedOnlyWhenFewerSeatsThanAskedAreLeft() throws Exception {
        String event = api.createEvent(2, 7); // 14 seats, 8 buyers of 2
        List<Api.Response> answers = Rush.of(api, 8, buyer -> Map.of("quantity", 2), event);

        assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize(7);
        assertThat(answers).filteredOn(answer -> answer.status() == 409).hasSize(1)
                .allSatisfy(answer -> assertThat(answer.json().get("type").asText()).endsWith("not-enough-seats"));
        assertThat(api.compactRows(event)).containsExactly("RRRRRRR", "RRRRRRR");
    }

    private static void assertAdjacentInOneRow(List<String> seats) {
        for (int i = 1; i < seats.size(); i++) {
            String[] before = seats.get(i - 1).split("-");
            String[] seat = seats.get(i).split("-");
            assertThat(seat[0]).as("same row: %s", seats).isEqualTo(before[0]);
            assertThat(Integer.parseInt(seat[1]) - Integer.parseInt(before[1])).as("adjacent: %s", seats).isEqualTo(1);
        }
    }
}
