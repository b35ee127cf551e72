package dev.ticketing.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.bench.ResultLine.Results;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultLineTest {

    @Test
    void aPrintedRecordReadsBackWithItsNameAndValuesInOrder() {
        String line = ResultLine.format("holdratio.project", "holds", 278L, "holds_per_s", 64.45454545454545,
                "vs_raw", Double.NaN, "hold_duration", java.time.Duration.ofSeconds(2));

        Results results = ResultLine.parse(List.of(line));

        assertThat(line).isEqualTo("RESULT holdratio.project holds=278 holds_per_s=64.45454545454545 vs_raw=NaN"
                + " hold_duration=PT2S");
        assertThat(results.records()).singleElement().satisfies(record -> {
            assertThat(record.name()).isEqualTo("holdratio.project");
            assertThat(record.values()).containsExactly(java.util.Map.entry("holds", "278"),
                    java.util.Map.entry("holds_per_s", "64.45454545454545"), java.util.Map.entry("vs_raw", "NaN"),
                    java.util.Map.entry("hold_duration", "PT2S"));
            assertThat(record.number("holds_per_s")).isEqualTo(64.45454545454545);
        });
    }

    @Test
    void aDoubleIsWrittenPlainAndUnrounded() {
        // rounding here and again in the report would turn 1.47497 into 1.475 and then 1.48
        assertThat(ResultLine.format("x", "a", 1.4749755859375, "b", 250.0, "c", 20480.0, "d", 0.0001))
                .isEqualTo("RESULT x a=1.4749755859375 b=250 c=20480 d=0.0001");
    }

    @Test
    void theHumanReadableLinesAreSkippedAndRepeatedNamesKept() {
        Results results = ResultLine.parse(List.of(
                "Initializing DynamoDB Local with the following configuration:",
                "instances  map reads/s  DynamoDB calls/s",
                "RESULT instances.8 instances=8 rcu_per_s=640",
                "        8          8.0               8.0",
                "RESULT coldstart.ApiFunction build=file:///a/ construct_ms=3991",
                "RESULT coldstart.ApiFunction build=file:///b/ construct_ms=3412",
                "  RESULT indented lines are not records",
                "RESULT   instances.64   instances=64  rcu_per_s=2560"));

        assertThat(results.records()).extracting(ResultLine.Record::name)
                .containsExactly("instances.8", "coldstart.ApiFunction", "coldstart.ApiFunction", "instances.64");
        assertThat(results.all("instances.")).extracting(record -> record.get("rcu_per_s")).containsExactly("640", "2560");
        assertThat(results.one("coldstart.ApiFunction").get("build")).isEqualTo("file:///a/");
    }

    @Test
    void aMissingRecordOrValueReadsAsAGapNotAnError() {
        Results results = ResultLine.parse(List.of("RESULT freshness n=240 p99_ms=oops"));

        assertThat(results.one("freshness").get("p50_ms")).isEqualTo("?");
        assertThat(results.one("freshness").number("p50_ms")).isNaN();
        assertThat(results.one("freshness").number("p99_ms")).isNaN();
        assertThat(results.one("purchases").get("purchases_per_s")).isEqualTo("?");
        assertThat(results.find("purchases")).isEmpty();
    }

    @Test
    void whatWouldSplitTheLineIsRefused() {
        assertThatThrownBy(() -> ResultLine.format("seatmap.304 poll", "n", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResultLine.format("seatmap", "answered", "{\"found\": 0}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResultLine.format("seatmap", "a=b", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResultLine.format("seatmap", "lonely")).isInstanceOf(IllegalArgumentException.class);
    }
}
