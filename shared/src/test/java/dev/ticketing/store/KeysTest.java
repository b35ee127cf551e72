package dev.ticketing.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.idempotency.IdempotencyKeyItems;
import dev.ticketing.idempotency.IdempotencyKeys;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeysTest {
    @Test
    void twoUsersKeysThatOnceMadeOneIdempotencyItemNowMakeTwo() {
        // before escaping, both were IDEMPOTENCY#holds#alice#x#y: bob-as-"alice#x" could replay alice's hold
        var alices = IdempotencyKeyItems.key(new IdempotencyKeys.Key("holds", "alice", "x#y", "f"));
        var mallorys = IdempotencyKeyItems.key(new IdempotencyKeys.Key("holds", "alice#x", "y", "f"));
        assertThat(alices).isNotEqualTo(mallorys);
    }

    @Test
    void noTwoListsOfPartsMakeOneKey() {
        List<List<String>> inputs = List.of(List.of("a#b", "c"), List.of("a", "b#c"), List.of("a%23b", "c"),
                List.of("a", "b%23c"), List.of("a%", "23b", "c"), List.of("a#", "b", "c"), List.of("a", "#b", "c"),
                List.of("a", "b", "c"), List.of("a%25", "b", "c"), List.of("a%", "b", "c"));
        Set<String> keys = new HashSet<>();
        for (List<String> parts : inputs) {
            keys.add(Keys.of("IDEMPOTENCY", parts.toArray(String[]::new)));
        }
        assertThat(keys).hasSameSizeAs(inputs);
    }

    @Test
    void idsAndSubjectsWithoutTheSeparatorKeepTheirKeys() {
        assertThat(Keys.user("auth0|5f7c8ec7")).isEqualTo("USER#auth0|5f7c8ec7");
        assertThat(Keys.hold("0b7e7a52-6f0e-4a4b-9a57-5d6d3c0c9d11")).isEqualTo("HOLD#0b7e7a52-6f0e-4a4b-9a57-5d6d3c0c9d11");
        assertThat(Keys.of("IDEMPOTENCY", "holds", "alice", "retry-1")).isEqualTo("IDEMPOTENCY#holds#alice#retry-1");
    }
}
