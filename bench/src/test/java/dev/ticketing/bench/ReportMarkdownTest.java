package dev.ticketing.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.ticketing.bench.ReportMarkdown.Facts;
import dev.ticketing.bench.ReportMarkdown.Run;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report read from the benchmarks' RESULT records (as they print them) and rendered; no benchmark runs. */
class ReportMarkdownTest {
    /** What each benchmark printed in a trial run (the RESULT lines among its human-readable ones). */
    private static final Map<String, String> PRINTED = Map.of(
            "holdratio", """
                    variant        holds  holds/s  vs raw  median slice ratio to raw (quartiles)  CPU ms/hold (process)
                    RESULT holdratio.project clients=8 warm_up_s=40 slices=15 slice_ms=2000 holds=2478 holds_per_s=82.43 vs_raw=0.8612 slice_ratio_median=0.88 slice_ratio_q1=0.73 slice_ratio_q3=1.02 cpu_ms_per_hold=9.72
                    RESULT holdratio.raw clients=8 warm_up_s=40 slices=15 slice_ms=2000 holds=2876 holds_per_s=95.71 vs_raw=1 slice_ratio_median=1 slice_ratio_q1=1 slice_ratio_q3=1 cpu_ms_per_hold=6.3
                    RESULT holdratio.naive clients=8 warm_up_s=40 slices=15 slice_ms=2000 holds=4790 holds_per_s=157.03 vs_raw=1.6407 slice_ratio_median=1.6 slice_ratio_q1=1.21 slice_ratio_q3=2.56 cpu_ms_per_hold=4.23
                    RESULT holdratio.contention.project clients=8 seats=100 seats_held=100 refused=350 seats_promised_twice=0 extra_promises=0
                    RESULT holdratio.contention.naive clients=8 seats=100 seats_held=100 refused=245 seats_promised_twice=94 extra_promises=256
                    """,
            "seatmap", """
                    RESULT seatmap.bytes full_per_seat=73.544 compact_per_seat=1.2001 compact_bytes=24002
                    RESULT seatmap.compact viewers=8 seconds=20 requests_per_s=741.3333 share_304=0 n=14826 p50_ms=7.1731 p90_ms=20.9933 p99_ms=62.4723 max_ms=208.8404
                    RESULT seatmap.poll viewers=8 seconds=20 requests_per_s=1398.6667 share_304=0.9867 n=27973 p50_ms=4.0073 p90_ms=10.5113 p99_ms=32.2455 max_ms=155.8174
                    """,
            "instances", """
                    RESULT instances.8 instances=8 seats=20000 path=compact seconds=10 map_reads_per_s=8 calls_per_s=8 items_per_s=160 rcu_per_s=640 rcu_per_refresh=80 served_per_s=8
                    RESULT instances.64 instances=64 seats=20000 path=compact seconds=10 map_reads_per_s=32 calls_per_s=32 items_per_s=640 rcu_per_s=2560 rcu_per_refresh=80 served_per_s=32
                    RESULT instances.512 instances=512 seats=20000 path=compact seconds=10 map_reads_per_s=256 calls_per_s=256 items_per_s=5120 rcu_per_s=20480 rcu_per_refresh=80 served_per_s=256
                    """,
            "freshness", "RESULT freshness n=200 p50_ms=486.9022 p90_ms=544.6221 p99_ms=1780.4 max_ms=3173.2\n",
            "expiry", "RESULT expiry holds=20 hold_duration=PT2S sweep_interval=PT1S holdable_p50_ms=28.053 holdable_max_ms=51.547 cleanup_p50_ms=0 cleanup_max_ms=29.527\n",
            "purchases", "RESULT purchases clients=4 seconds=30 purchases_per_s=5.9 purchases=177 failed=0 approval_to_success_n=177 approval_to_success_p50_ms=294.2 approval_to_success_p90_ms=606.1 approval_to_success_p99_ms=1163.4 approval_to_success_max_ms=1300 purchase_n=177 purchase_p50_ms=583 purchase_p90_ms=1122.4 purchase_p99_ms=1786 purchase_max_ms=2000\n",
            "coldstart", """
                    RESULT coldstart.ApiFunction build=file:///w/functions/ runs=5 construct_ms=3991 construct_range=3106-14598 first_ms=1316 first_range=533-2942 prime_ms=1177 prime_range=662-1373 first_after_prime_ms=33 first_after_prime_range=20-54 cpu_construct_ms=1085 cpu_construct_range=1000-1111 cpu_first_ms=188 cpu_first_range=185-199
                    RESULT coldstart.PaymentWebhookFunction build=file:///w/functions/ runs=5 construct_ms=2703 construct_range=976-3623 first_ms=32 first_range=16-78 cpu_construct_ms=736 cpu_construct_range=537-918 cpu_first_ms=14 cpu_first_range=12-18
                    """,
            "capacity", "RESULT capacity seats=20000 viewers=100000 hold_attempts_per_s=1000 seats_per_hold=2 instances=64 holds_per_s_one_block=250 holds_per_s_all_blocks=2500 api_rps_without_cdn=101000 api_rps_quota=10000 compact_refresh_rcu=80 full_refresh_rcu=301 instances_max_block_item=375 instances_max_table=250 instances_max_full_block=100 instances_max_full_table=66.4452 viewers_max_cdn=250000 cdn_origin_rcu_per_s=480 lambda_concurrency_cdn=28 lambda_concurrency_without_cdn=430.12 lambda_concurrency_quota=1000\n");

    private static final Instant STARTED = Instant.parse("2026-11-29T19:30:00Z");

    @Test
    void everyLineShowsItsFiguresItsCommandItsLoadAndWhatItMeans() {
        String report = ReportMarkdown.render(facts(false, List.of()), runs(line -> 0));

        assertThat(report).startsWith("# Benchmark report, 2026-11-29\n").doesNotContain("TRIAL")
                .contains("- **Date**: 2026-11-29 19:30 UTC to 2026-11-29 19:42 UTC (12.0 min)")
                .contains("- **Commit**: `ef7cec4`, working tree clean")
                .contains("- **Machine**: 2 cores (AMD EPYC); load average (1 min) 0.4 at the start, 2.5 at the end")
                .contains("- **Java**: 17.0.15")
                .contains("- **Logging**: `logback-bench.xml`");
        // the summary: one row per line, in order, with its headline
        assertThat(report).contains(
                "| 1 | holdratio | project / raw **0.86**, naive / raw 1.64; seats promised twice: project 0, naive 94 | 1.0 -> 2.0 | 150 s |",
                "| 2 | seatmap | compact **741** reads/s; polling 1,399 reads/s, 99 % answered 304 |",
                "| 3 | instances | **80 RCU a refresh**; RCU/s for 8/64/512 instances: 640 / 2,560 / 20,480 |",
                "| 4 | freshness | p50 487 ms, **p99 1,780 ms** |",
                "| 6 | purchases | **5.9 purchases/s**, approval -> SUCCESS p99 **1,163 ms** |",
                "| 7 | coldstart | API: first answer after priming **33 ms**, cold 1316 ms (constructor 3991 ms) |",
                "| 8 | capacity | holds **250/s** on one block (bites first), 2,500/s over the event; 250,000 viewers behind CloudFront |");
        // the figures of each line
        assertThat(report).contains(
                "| project (`POST /events/{id}/holds` over HTTP) | 2,478 | 82.4 | **0.86** | 0.88 (0.73-1.02) | 9.72 |",
                "| naive check-then-write (wrong on purpose) | 100 of 100 | 245 | **94** | 256 |",
                "| compact, polling with If-None-Match | 8 | 20 | **1,399** | 4.0 ms | 10.5 ms | 32.2 ms | 99 % |",
                "| compact | 8 | 20 | **741** | 7.2 ms | 21.0 ms | 62.5 ms | - |",
                "| 512 | 256.0 | 256.0 | 5,120 | 20,480 | **80** |",
                "| 200 | 487 ms | 545 ms | **1,780 ms** | 3,173 ms |",
                "| (a) the seat held by another user | **28 ms** | 52 ms | 0 s (lazy expiry) |",
                "| **5.9** | 177 (0) | 294 / 606 / **1,163** ms | 583 / 1,786 ms |",
                "| ApiFunction | 3991 [3106-14598] | 1316 [533-2942] | 1177 [662-1373] | **33 [20-54]** | 1085 [1000-1111] | 188 [185-199] |",
                // a function without a priming hook
                "| PaymentWebhookFunction | 2703 [976-3623] | 32 [16-78] | - | **-** | 736 [537-918] | 14 [12-18] |",
                // rounded once, in the report: 66.4452 is 66
                "| API instances refreshing the compact map: per block item / table (the full map: 100 / 66) | 375 / 250 |");
        assertThat(report).contains("Read as: The project places 0.86 holds for each one the bare transaction of its own"
                + " items places on the same store (issue 13 aims at >= 0.85); check-then-write runs at 1.64 times the raw"
                + " rate and promised 94 of 100 contested seats to more than one buyer, the project 0.");
        assertThat(report.split("\nRead as: ")).hasSize(9);
        assertThat(report).contains("after 40 s of warm-up each");
        assertThat(report).contains("```bash\njava -Dlogback.configurationFile=logback-bench.xml -Dbench.log="
                + "bench/target/report/holdratio -jar bench/target/ticketing-bench.jar holdratio 30 8 2000 project,raw,naive\n```");
        assertThat(report).contains("Load average (1 min) 1.0 at the start, 2.0 at the end; took 150 s; output in "
                + "`bench/target/report/holdratio.out`.");
    }

    @Test
    void aQuickRunIsMarkedAsATrialAndADirtyTreeNamesItsChanges() {
        Facts facts = new Facts(STARTED, STARTED.plusSeconds(200), true, List.of("expiry", "capacity"), "ef7cec4",
                List.of("bench/pom.xml", "README.md"), "2 cores (AMD EPYC)", "17.0.15", 0.4, 2.5, "`logback-bench.xml`",
                "java -jar bench/target/ticketing-bench.jar report --quick --only expiry,capacity");

        String report = ReportMarkdown.render(facts, List.of(run("expiry", 0), run("capacity", 0)));

        assertThat(report).startsWith("# Benchmark report, 2026-11-29 (TRIAL, `--quick`)\n")
                .contains("> **TRIAL RUN (`--quick`)**")
                .contains("> **Partial**: only the lines expiry, capacity (`--only`).")
                .contains("- **Commit**: `ef7cec4`, **working tree dirty** (2 changed: bench/pom.xml, README.md)")
                .contains("Made by `java -jar bench/target/ticketing-bench.jar report --quick --only expiry,capacity`");
    }

    @Test
    void aFailedLineShowsItsExitAndTheEndOfItsOutputAndTheOthersStillRead() {
        String report = ReportMarkdown.render(facts(false, List.of()), runs(line -> line.equals("freshness") ? 1
                : line.equals("purchases") ? -1 : 0));

        assertThat(report).contains("| 4 | freshness | FAILED: exit code 1 |")
                .contains("**FAILED: exit code 1**. The last lines of its output (all of it in "
                        + "`bench/target/report/freshness.out`):\n\n```\nException in thread \"main\" "
                        + "java.lang.IllegalStateException: seat 3-4 did not show R within 10 s\n```")
                .contains("| 6 | purchases | FAILED: stopped at its time limit |")
                .contains("| 5 | expiry | available again after p50 28 ms (max 52); cleanup stored after p50 0 ms |");
    }

    @Test
    void aLineThatPrintedNoRecordIsAFailureAndEveryLineRendersGapsAsQuestionMarks() {
        List<Run> runs = new ArrayList<>();
        for (ReportLine line : ReportLines.all()) {
            runs.add(new Run(line, List.of("java"), 0, Duration.ofSeconds(1), 1, 1, ResultLine.parse(List.of()),
                    "bench/target/report/" + line.id() + ".out", List.of("no RESULT here")));
            assertThatCode(() -> line.render().apply(ResultLine.parse(List.of()))).doesNotThrowAnyException();
        }

        String report = ReportMarkdown.render(facts(false, List.of()), runs);

        assertThat(report).contains("| 1 | holdratio | FAILED: printed no RESULT line |")
                .contains("**FAILED: printed no RESULT line**").doesNotContain("Read as:");
        assertThat(ReportLines.holdRatio(ResultLine.parse(List.of("RESULT holdratio.project holds_per_s=82.4"))).headline())
                .isEqualTo("project / raw **?**, naive / raw ?; seats promised twice: project ?, naive ?");
    }

    @Test
    void theFullReportAndTheTrialRunTheSameLinesInTheIssuesOrder() {
        assertThat(ReportLines.all()).extracting(ReportLine::id).containsExactly("holdratio", "seatmap", "instances",
                "freshness", "expiry", "purchases", "coldstart", "capacity");
        assertThat(ReportLines.all()).allSatisfy(line ->
                assertThat(line.quickArgs()).hasSameSizeAs(line.fullArgs()));
    }

    private static Facts facts(boolean quick, List<String> only) {
        return new Facts(STARTED, STARTED.plus(Duration.ofMinutes(12)), quick, only, "ef7cec4", List.of(),
                "2 cores (AMD EPYC)", "17.0.15 (OpenJDK 64-Bit Server VM)", 0.4, 2.5,
                "`logback-bench.xml` (bench/src/main/resources)", "java -jar bench/target/ticketing-bench.jar report");
    }

    private static List<Run> runs(java.util.function.ToIntFunction<String> exitOf) {
        List<Run> runs = new ArrayList<>();
        for (ReportLine line : ReportLines.all()) {
            runs.add(run(line.id(), exitOf.applyAsInt(line.id())));
        }
        return runs;
    }

    private static Run run(String id, int exit) {
        ReportLine line = ReportLines.all().stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow();
        List<String> printed = exit == 0 ? PRINTED.get(id).lines().toList()
                : List.of("Exception in thread \"main\" java.lang.IllegalStateException: seat 3-4 did not show R within 10 s");
        List<String> command = new ArrayList<>(List.of("java", "-Dlogback.configurationFile=logback-bench.xml",
                "-Dbench.log=bench/target/report/" + id, "-jar", "bench/target/ticketing-bench.jar", line.bench()));
        command.addAll(line.fullArgs());
        return new Run(line, command, exit, Duration.ofSeconds(150), 1.0, 2.0, ResultLine.parse(printed),
                "bench/target/report/" + id + ".out", printed);
    }
}
