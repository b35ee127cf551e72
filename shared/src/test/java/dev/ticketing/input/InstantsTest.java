package dev.ticketing.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.problems.InvalidRequestException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstantsTest {
    private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

    @Test
    void theCanonicalFormIsUtcWithExactlyThreeFractionalDigits() {
        assertThat(Instants.text(Instant.parse("2027-02-14T20:30:00Z"))).isEqualTo("2027-02-14T20:30:00.000Z");
        assertThat(Instants.text(Instant.parse("2027-02-14T10:00:00.05Z"))).isEqualTo("2027-02-14T10:00:00.050Z");
        // an instant of the clock (microseconds on Linux) is cut to the millisecond
        assertThat(Instants.text(Instant.parse("2027-02-14T10:00:00.123456789Z"))).isEqualTo("2027-02-14T10:00:00.123Z");
    }

    @Test
    void textOrderIsTimeOrder() {
        List<Instant> instants = List.of(Instant.parse("2027-02-14T10:00:00.500Z"), Instant.parse("2027-02-14T10:00:00Z"),
                Instant.parse("2027-02-14T10:00:00.050Z"), Instant.parse("2027-02-14T09:59:59.999Z"),
                Instant.parse("2027-02-14T10:00:01Z"));

        List<String> byText = instants.stream().map(Instants::text).sorted().toList();

        assertThat(byText).containsExactly("2027-02-14T09:59:59.999Z", "2027-02-14T10:00:00.000Z",
                "2027-02-14T10:00:00.050Z", "2027-02-14T10:00:00.500Z", "2027-02-14T10:00:01.000Z");
        assertThat(byText.stream().map(Instants::parse).toList())
                .isEqualTo(instants.stream().sorted(Comparator.naturalOrder()).toList());
    }

    @Test
    void everyFormStoredBeforeStillReads() {
        Instant expected = Instant.parse("2027-02-14T20:30:00Z");
        for (String stored : new String[]{"2027-02-14T20:30:00Z", "2027-02-14T20:30Z", "2027-02-14T20:30:00.000Z",
                "2027-02-14T20:30:00.000000000Z", "2027-02-14T21:30:00+01:00"}) {
            assertThat(Instants.parse(stored)).as(stored).isEqualTo(expected);
        }
        assertThat(Instants.parse("2027-02-14T20:30:00.123456789Z")).isEqualTo(Instant.parse("2027-02-14T20:30:00.123456789Z"));
    }

    @Test
    void aRequestedInstantFinerThanAMillisecondIsRefusedNotCut() {
        assertThat(Fields.instant("date", "2027-02-14T20:30:00.123Z", NOW)).isEqualTo(Instant.parse("2027-02-14T20:30:00.123Z"));
        assertThat(Fields.instant("date", "2027-02-14T20:30:00.123000Z", NOW)).isEqualTo(Instant.parse("2027-02-14T20:30:00.123Z"));
        for (String tooFine : new String[]{"2027-02-14T20:30:00.1234Z", "2027-02-14T20:30:00.000000001Z",
                "2027-02-14T21:30:00.0005+01:00"}) {
            assertThatThrownBy(() -> Fields.instant("date", tooFine, NOW)).as(tooFine)
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("date must not be more precise than milliseconds");
        }
    }

    @Test
    void theJsonModuleWritesEveryInstantCanonically() throws Exception {
        ObjectMapper json = new ObjectMapper().registerModule(Instants.jsonModule());

        assertThat(json.writeValueAsString(Map.of("date", Instant.parse("2027-02-14T20:30:00Z"))))
                .isEqualTo("{\"date\":\"2027-02-14T20:30:00.000Z\"}");
    }
}
