package dev.ticketing.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DueWorkTest {
    private static final Map<String, List<String>> DUE = Map.of(
            "S0", ids("a", 3), "S1", ids("b", 0), "S2", ids("c", 5));

    @Test
    void handsOverEveryDueEntryWhenTheLimitAllows() {
        List<String> handled = new ArrayList<>();
        DueWork.Pass pass = DueWork.walk(List.of("S0", "S1", "S2"), 100, () -> true, DueWorkTest::due, handled::add);

        assertThat(handled).containsExactlyInAnyOrderElementsOf(concat(DUE.get("S0"), DUE.get("S2")));
        assertThat(pass).isEqualTo(new DueWork.Pass(8, false));
    }

    @Test
    void stopsAtItsLimitAndSaysMoreIsLeft() {
        List<String> handled = new ArrayList<>();
        DueWork.Pass pass = DueWork.walk(List.of("S0", "S1", "S2"), 4, () -> true, DueWorkTest::due, handled::add);

        assertThat(handled).hasSize(4);
        assertThat(pass.more()).isTrue();
    }

    @Test
    void stopsWhenTimeIsShort() {
        List<String> handled = new ArrayList<>();
        DueWork.Pass pass = DueWork.walk(List.of("S0", "S1", "S2"), 100, () -> handled.size() < 2, DueWorkTest::due,
                handled::add);

        assertThat(handled).hasSize(2);
        assertThat(pass).isEqualTo(new DueWork.Pass(2, true));
    }

    private static List<String> due(String shard, int room) {
        List<String> all = DUE.get(shard);
        return all.subList(0, Math.min(room, all.size()));
    }

    private static List<String> ids(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
