package dev.ticketing.bench;

import dev.ticketing.bench.ReportLine.Section;
import dev.ticketing.bench.ResultLine.Record;
import dev.ticketing.bench.ResultLine.Results;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lines of the benchmark report, in the order of issue 13 item 5 (hold rate ratio, seat-map reads and 304 share,
 * DynamoDB reads for 8/64/512 instances, freshness, expiry, purchases, cold start per function, the capacity model),
 * each with the arguments of the full report and of {@code --quick}, and how its records read.
 * <p>
 * The full report's durations are chosen so the whole takes about 10 to 15 minutes on 2 cores, each line's stack
 * start and event creation included (estimated from a {@code --quick} run, which took 6 minutes at load 7 to 15):
 * ~5-6 min holds (40 s of warm-up per variant, then 90 s measured; first its events of 56,000, 56,000 and 98,000
 * seats), ~1 min seat map, ~2 min
 * instances (most of it filling the 20,000-seat map's blocks), ~2 min freshness (200 changes), ~1 min expiry, ~1 min
 * purchases, ~3 min cold start (5 fresh JVMs per mode and function, as in {@code 2026-11-29-coldstart.md}), the model
 * at once.
 */
final class ReportLines {
    private static final Map<String, String> VARIANTS = Map.of(
            "project", "project (`POST /events/{id}/holds` over HTTP)",
            "raw", "raw `TransactWriteItems` of the same 7 items",
            "raw-embedded", "raw, tickets inside the hold item (5 items)",
            "naive", "naive check-then-write (wrong on purpose)");

    private ReportLines() {
    }

    static List<ReportLine> all() {
        return List.of(
                new ReportLine("holdratio", "Hold rate: the project vs the raw transaction of its own items vs check-then-write",
                        "holdratio", List.of("30", "8", "2000", "project,raw,naive"),
                        List.of("4", "8", "1000", "project,raw,naive"), ReportLines::holdRatio),
                new ReportLine("seatmap", "Compact seat-map reads from 8 viewers, and the 304 share when polling",
                        "seatmap", List.of("20", "8", "compact,poll"), List.of("3", "8", "compact,poll"),
                        ReportLines::seatMap),
                new ReportLine("instances", "DynamoDB reads per second of one event's map, 8/64/512 API instances",
                        "instances", List.of("10", "100", "200", "compact", "8,64,512"),
                        List.of("2", "100", "200", "compact", "8,64,512"), ReportLines::instances),
                new ReportLine("freshness", "Freshness: a write behind the API's back -> visible over HTTP",
                        "freshness", List.of("100"), List.of("5"), ReportLines::freshness),
                new ReportLine("expiry", "Expiry: an expired hold's seat available again, its tickets cancelled",
                        "expiry", List.of("20", "PT2S", "PT1S"), List.of("3", "PT2S", "PT1S"), ReportLines::expiry),
                new ReportLine("purchases", "Purchases end to end, and approval -> SUCCESS",
                        "purchases", List.of("30", "4"), List.of("5", "4"), ReportLines::purchases),
                new ReportLine("coldstart", "Cold start per function (this build's jars)",
                        "coldstart", List.of("5", "functions"), List.of("1", "functions"), ReportLines::coldStart),
                new ReportLine("capacity", "The capacity model's ceilings per event (computed, docs/capacity.md)",
                        "capacity", List.of("20000", "100000", "1000", "2", "64"),
                        List.of("20000", "100000", "1000", "2", "64"), ReportLines::capacity));
    }

    static Section holdRatio(Results results) {
        List<String> figures = new ArrayList<>();
        Record setup = results.all("holdratio.").stream().findFirst().orElse(results.one("holdratio.project"));
        figures.add(String.format("%s clients, 2-seat holds, each by a user without a hold; the variants take turns in %s "
                        + "slices of %s ms each (after %s s of warm-up each, so the JIT is done with the project's path), on "
                        + "one DynamoDB Local.", setup.get("clients"), setup.get("slices"), setup.get("slice_ms"),
                setup.get("warm_up_s")));
        figures.add("");
        figures.addAll(header("variant", "holds", "holds/s", "vs raw", "median of the slices' ratios (quartiles)",
                "CPU ms/hold (process)"));
        for (Record variant : results.all("holdratio.")) {
            if (variant.name().startsWith("holdratio.contention.")) {
                continue;
            }
            String name = variant.name().substring("holdratio.".length());
            figures.add(String.format("| %s | %s | %s | **%s** | %s (%s-%s) | %s |", VARIANTS.getOrDefault(name, name),
                    whole(variant.number("holds")), one(variant.number("holds_per_s")), two(variant.number("vs_raw")),
                    two(variant.number("slice_ratio_median")), two(variant.number("slice_ratio_q1")),
                    two(variant.number("slice_ratio_q3")), two(variant.number("cpu_ms_per_hold"))));
        }
        Record project = results.one("holdratio.contention.project");
        Record naive = results.one("holdratio.contention.naive");
        figures.add("");
        figures.add(String.format("Contention: %s clients each try the same pairs of a %s-seat event in the same order.",
                project.get("clients"), project.get("seats")));
        figures.add("");
        figures.addAll(header("design", "seats held", "refused attempts", "seats promised to more than one buyer",
                "extra promises"));
        for (Record design : List.of(project, naive)) {
            String name = design.name().substring("holdratio.contention.".length());
            figures.add(String.format("| %s | %s of %s | %s | **%s** | %s |", VARIANTS.getOrDefault(name, name),
                    design.get("seats_held"), design.get("seats"), design.get("refused"),
                    design.get("seats_promised_twice"), design.get("extra_promises")));
        }
        double projectVsRaw = results.one("holdratio.project").number("vs_raw");
        double naiveVsRaw = results.one("holdratio.naive").number("vs_raw");
        return new Section(String.format("project / raw **%s**, naive / raw %s; seats promised twice: project %s, naive %s",
                two(projectVsRaw), two(naiveVsRaw), project.get("seats_promised_twice"), naive.get("seats_promised_twice")),
                figures, String.format("The project places %s holds for each one the bare transaction of its own items "
                                + "places on the same store (issue 13 aims at >= 0.85); check-then-write runs at %s times the "
                                + "raw rate and promised %s of %s contested seats to more than one buyer, the project %s.",
                        two(projectVsRaw), two(naiveVsRaw), naive.get("seats_promised_twice"), naive.get("seats"),
                        project.get("seats_promised_twice")));
    }

    static Section seatMap(Results results) {
        List<String> figures = new ArrayList<>();
        Record bytes = results.one("seatmap.bytes");
        figures.add(String.format("A 20,000-seat event (1,000 seats held), one buyer holding and releasing a seat ~5 "
                + "times a second; the compact body is %s bytes (%s a seat), uncompressed.", whole(bytes.number(
                "compact_bytes")), two(bytes.number("compact_per_seat"))));
        figures.add("");
        figures.addAll(header("form", "viewers", "seconds", "requests/s", "p50", "p90", "p99", "answered 304"));
        for (Record form : results.all("seatmap.")) {
            if (form.name().equals("seatmap.bytes")) {
                continue;
            }
            String name = form.name().substring("seatmap.".length());
            figures.add(String.format("| %s | %s | %s | **%s** | %s ms | %s ms | %s ms | %s |",
                    name.equals("poll") ? "compact, polling with If-None-Match" : name, form.get("viewers"),
                    form.get("seconds"), whole(form.number("requests_per_s")), one(form.number("p50_ms")),
                    one(form.number("p90_ms")), one(form.number("p99_ms")),
                    name.equals("poll") ? percent(form.number("share_304")) : "-"));
        }
        Record compact = results.one("seatmap.compact");
        Record poll = results.one("seatmap.poll");
        return new Section(String.format("compact **%s** reads/s; polling %s reads/s, %s answered 304",
                whole(compact.number("requests_per_s")), whole(poll.number("requests_per_s")),
                percent(poll.number("share_304"))), figures,
                String.format("%s viewers read the compact map %s times a second from the instance's snapshot (issue 13 "
                                + "aims at >= 1,000 from 8 clients), and polling with If-None-Match %s times a second, %s of "
                                + "them answered 304 without a body.", compact.get("viewers"),
                        whole(compact.number("requests_per_s")), whole(poll.number("requests_per_s")),
                        percent(poll.number("share_304"))));
    }

    static Section instances(Results results) {
        List<String> figures = new ArrayList<>();
        List<Record> lines = results.all("instances.");
        Record first = lines.isEmpty() ? results.one("instances.8") : lines.get(0);
        figures.add(String.format("One %s-seat event, the %s map, every simulated instance (its own `SeatMapCache`, "
                        + "0.5 s max age) asked for it every 100 ms, %s s a line; counted at the DynamoDB client, RCU "
                        + "strongly consistent, 4 KB per item rounded up.", whole(first.number("seats")), first.get("path"),
                first.get("seconds")));
        figures.add("");
        figures.addAll(header("instances", "map refreshes/s", "DynamoDB calls/s", "items read/s", "RCU/s",
                "RCU a refresh"));
        double min = Double.NaN;
        double max = Double.NaN;
        StringBuilder perInstances = new StringBuilder();
        for (Record line : lines) {
            double perRefresh = line.number("rcu_per_refresh");
            min = Double.isNaN(min) ? perRefresh : Math.min(min, perRefresh);
            max = Double.isNaN(max) ? perRefresh : Math.max(max, perRefresh);
            perInstances.append(perInstances.isEmpty() ? "" : " / ").append(whole(line.number("rcu_per_s")));
            figures.add(String.format("| %s | %s | %s | %s | %s | **%s** |", line.get("instances"),
                    one(line.number("map_reads_per_s")), one(line.number("calls_per_s")), whole(line.number("items_per_s")),
                    whole(line.number("rcu_per_s")), whole(perRefresh)));
        }
        String perRefresh = whole(min).equals(whole(max)) ? whole(min) : whole(min) + "-" + whole(max);
        return new Section(String.format("**%s RCU a refresh**; RCU/s for %s instances: %s", perRefresh,
                lines.stream().map(r -> r.get("instances")).reduce((a, b) -> a + "/" + b).orElse("?"), perInstances),
                figures, String.format("A refresh of the map costs %s RCU whatever the number of instances, and each "
                        + "instance refreshes at most twice a second, so N instances read at most N x 2 x %s RCU/s in AWS; "
                        + "the local rates are what DynamoDB Local serves, not what the instances ask.", perRefresh,
                        perRefresh));
    }

    static Section freshness(Results results) {
        Record fresh = results.one("freshness");
        List<String> figures = table(
                "A seat taken, then released, through another function's data layer on a 20,000-seat event; from the "
                        + "write's answer to the first compact map the HTTP API answers with it (a viewer polling every "
                        + "10 ms with If-None-Match).",
                header("changes", "p50", "p90", "p99", "max"),
                String.format("| %s | %s ms | %s ms | **%s ms** | %s ms |", fresh.get("n"), whole(fresh.number("p50_ms")),
                        whole(fresh.number("p90_ms")), whole(fresh.number("p99_ms")), whole(fresh.number("max_ms"))));
        return new Section(String.format("p50 %s ms, **p99 %s ms**", whole(fresh.number("p50_ms")),
                whole(fresh.number("p99_ms"))), figures, String.format("Through the table's stream, the projection "
                        + "function and the instance's 0.5 s snapshot, half the changes were visible to viewers within %s "
                        + "ms and 99 %% within %s ms of the write's answer (the design's bound: 1 s).",
                whole(fresh.number("p50_ms")), whole(fresh.number("p99_ms"))));
    }

    static Section expiry(Results results) {
        Record expiry = results.one("expiry");
        List<String> figures = table(
                String.format("%s holds of one seat, HOLD_DURATION %s, SWEEP_INTERVAL %s, nobody releasing; times from "
                                + "`expiresAt` (each includes its poll period, 5 ms and 20 ms).", expiry.get("holds"),
                        expiry.get("hold_duration"), expiry.get("sweep_interval")),
                header("from `expiresAt` to", "p50", "max", "goal"),
                String.format("| (a) the seat held by another user | **%s ms** | %s ms | 0 s (lazy expiry) |",
                        whole(expiry.number("holdable_p50_ms")), whole(expiry.number("holdable_max_ms"))),
                String.format("| (b) the first hold stored no longer ACTIVE (cleanup; its owner reads it expired from (a) on) | **%s ms** | %s ms | <= SWEEP_INTERVAL + 1 s |",
                        whole(expiry.number("cleanup_p50_ms")), whole(expiry.number("cleanup_max_ms"))));
        return new Section(String.format("available again after p50 %s ms (max %s); cleanup stored after p50 %s ms",
                whole(expiry.number("holdable_p50_ms")), whole(expiry.number("holdable_max_ms")),
                whole(expiry.number("cleanup_p50_ms"))), figures, String.format("An expired hold's seat could be "
                        + "held by another user %s ms (median) after `expiresAt`, without waiting for any cleanup, and "
                        + "the cleanup (hold EXPIRED, tickets CANCELLED) was stored %s ms (median) after it.", whole(expiry.number("holdable_p50_ms")),
                whole(expiry.number("cleanup_p50_ms"))));
    }

    static Section purchases(Results results) {
        Record purchases = results.one("purchases");
        List<String> figures = table(
                String.format("%s clients for %s s after 5 s of warm-up; each purchase a new user: hold 2 seats -> PayPal "
                        + "payment -> approve at the mock -> the payment reads SUCCESS.", purchases.get("clients"),
                        purchases.get("seconds")),
                header("purchases/s", "purchases (failed)", "approval -> SUCCESS p50 / p90 / p99",
                        "whole purchase p50 / p99"),
                String.format("| **%s** | %s (%s) | %s / %s / **%s** ms | %s / %s ms |",
                        one(purchases.number("purchases_per_s")), purchases.get("purchases"), purchases.get("failed"),
                        whole(purchases.number("approval_to_success_p50_ms")),
                        whole(purchases.number("approval_to_success_p90_ms")),
                        whole(purchases.number("approval_to_success_p99_ms")), whole(purchases.number("purchase_p50_ms")),
                        whole(purchases.number("purchase_p99_ms"))));
        return new Section(String.format("**%s purchases/s**, approval -> SUCCESS p99 **%s ms**",
                one(purchases.number("purchases_per_s")), whole(purchases.number("approval_to_success_p99_ms"))), figures,
                String.format("%s buyers completed %s purchases a second end to end, and the asynchronous part (signed "
                                + "webhook, SQS, the processor's capture and sale) took at most %s ms for 99 %% of them.",
                        purchases.get("clients"), one(purchases.number("purchases_per_s")),
                        whole(purchases.number("approval_to_success_p99_ms"))));
    }

    static Section coldStart(Results results) {
        List<String> figures = new ArrayList<>();
        List<Record> functions = results.all("coldstart.");
        Record api = results.one("coldstart.ApiFunction");
        figures.add(String.format("Every sample a fresh JVM with only the function's deployable jar (and the template's "
                + "`-XX:TieredStopAtLevel=1`) against an in-memory local stack; medians of %s runs per mode, "
                + "[min-max], ms.", api.get("runs")));
        figures.add("");
        figures.addAll(header("function", "construct", "first answer (cold)", "priming",
                "first answer after priming", "CPU: construct", "CPU: first"));
        for (Record function : functions) {
            figures.add(String.format("| %s | %s | %s | %s | **%s** | %s | %s |",
                    function.name().substring("coldstart.".length()), spread(function, "construct"),
                    spread(function, "first"), spread(function, "prime"), spread(function, "first_after_prime"),
                    spread(function, "cpu_construct"), spread(function, "cpu_first")));
        }
        return new Section(String.format("API: first answer after priming **%s ms**, cold %s ms (constructor %s ms)",
                api.get("first_after_prime_ms"), api.get("first_ms"), api.get("construct_ms")), figures,
                String.format("Without SnapStart a new API instance pays its constructor and a cold first answer (%s + %s "
                                + "ms here); with SnapStart both are paid at deploy and the first request after a restore "
                                + "costs about the first answer after priming (%s ms, the restore itself not counted).",
                        api.get("construct_ms"), api.get("first_ms"), api.get("first_after_prime_ms")));
    }

    static Section capacity(Results results) {
        Record model = results.one("capacity");
        List<String> figures = table(
                String.format("Inputs: %s seats, %s viewers polling once a second, %s hold attempts/s of %s seats, %s API "
                                + "instances without a CDN; default quotas.", whole(model.number("seats")),
                        whole(model.number("viewers")), whole(model.number("hold_attempts_per_s")),
                        model.get("seats_per_hold"), model.get("instances")),
                header("per event", "ceiling or figure"),
                String.format("| holds/s, all on the best block (one partition's 1,000 WCU) | **%s** (bites first) |",
                        whole(model.number("holds_per_s_one_block"))),
                String.format("| holds/s, spread over every block (partitions and the table's 40,000 WCU) | %s |",
                        whole(model.number("holds_per_s_all_blocks"))),
                String.format("| viewers polling once a second, behind CloudFront (its requests/s per distribution) | %s |",
                        whole(model.number("viewers_max_cdn"))),
                String.format("| API Gateway requests/s without a CDN (quota %s) | %s |", whole(model.number("api_rps_quota")),
                        whole(model.number("api_rps_without_cdn"))),
                String.format("| RCU a compact refresh (a full one) | %s (%s) |", whole(model.number("compact_refresh_rcu")),
                        whole(model.number("full_refresh_rcu"))),
                String.format("| API instances refreshing the compact map: per block item / table (the full map: %s / %s) | %s / %s |",
                        whole(model.number("instances_max_full_block")), whole(model.number("instances_max_full_table")),
                        whole(model.number("instances_max_block_item")), whole(model.number("instances_max_table"))),
                String.format("| origin reads behind CloudFront, whatever the viewers | %s RCU/s |",
                        whole(model.number("cdn_origin_rcu_per_s"))),
                String.format("| Lambda concurrency behind CloudFront / without (quota %s) | %s / %s |",
                        whole(model.number("lambda_concurrency_quota")), whole(model.number("lambda_concurrency_cdn")),
                        whole(model.number("lambda_concurrency_without_cdn"))));
        return new Section(String.format("holds **%s/s** on one block (bites first), %s/s over the event; %s viewers behind "
                        + "CloudFront", whole(model.number("holds_per_s_one_block")),
                whole(model.number("holds_per_s_all_blocks")), whole(model.number("viewers_max_cdn"))), figures,
                String.format("Computed from the code's item counts and AWS's default quotas, not measured: a block "
                                + "partition's writes bite first at %s hold attempts/s on the best block (%s/s spread over the "
                                + "event), and viewers are bounded by CloudFront's %s requests/s while the origin reads ~%s "
                                + "RCU/s whatever their number.", whole(model.number("holds_per_s_one_block")),
                        whole(model.number("holds_per_s_all_blocks")), whole(model.number("viewers_max_cdn")),
                        whole(model.number("cdn_origin_rcu_per_s"))));
    }

    /** A sentence, then a markdown table: its header and its rows. */
    private static List<String> table(String intro, List<String> header, String... rows) {
        List<String> lines = new ArrayList<>(List.of(intro, ""));
        lines.addAll(header);
        lines.addAll(List.of(rows));
        return lines;
    }

    /** A markdown table's header: the column names, then the separator. */
    private static List<String> header(String... columns) {
        return List.of("| " + String.join(" | ", columns) + " |", "|" + "---|".repeat(columns.length));
    }

    /** {@code median [min-max]} of a cold-start measure, or {@code -} if the function has none (no priming hook). */
    private static String spread(Record function, String measure) {
        String median = function.values().get(measure + "_ms");
        return median == null ? "-" : median + " [" + function.get(measure + "_range") + "]";
    }

    private static String whole(double value) {
        return Double.isNaN(value) ? "?" : String.format(Locale.US, "%,.0f", value);
    }

    private static String one(double value) {
        return Double.isNaN(value) ? "?" : String.format(Locale.US, "%,.1f", value);
    }

    private static String two(double value) {
        return Double.isNaN(value) ? "?" : String.format(Locale.US, "%,.2f", value);
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "?" : String.format(Locale.US, "%.0f %%", 100 * share);
    }
}
