package dev.ticketing.bench;

import java.util.Arrays;

/** {@code java -jar bench/target/ticketing-bench.jar <benchmark> [options]}. */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        // the local stack's console logging, unless the command names another (the report gives logback-bench.xml)
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-local.xml");
        }
        String which = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (which) {
            case "holds" -> HoldThroughput.run(rest);
            case "holdratio" -> HoldRatio.run(rest);
            case "seatmap" -> SeatMapReads.run(rest);
            case "together" -> TogetherContention.run(rest);
            case "rush" -> RushBench.run(rest);
            case "purchases" -> PurchaseThroughput.run(rest);
            case "expiry" -> ExpiryLatency.run(rest);
            case "commit-barrier" -> CommitBarrierCost.run(rest);
            case "leak" -> ContextLeak.run(rest);
            case "instances" -> InstanceReads.run(rest);
            case "freshness" -> SeatMapFreshness.run(rest);
            case "capacity" -> Capacity.run(rest);
            case "cost" -> Cost.run(rest);
            case "coldstart" -> ColdStart.run(rest);
            case "create" -> CreateBench.run(rest);
            case "sales" -> SalesReportBench.run(rest);
            case "cancel" -> CancelBench.run(rest);
            case "door" -> DoorBench.run(rest);
            case "venues" -> VenueBench.run(rest);
            case "report" -> Report.run(rest);
            default -> {
                System.err.println("""
                        report [--quick] [--out FILE] [--only id,id]  the whole benchmark report (issue 13): the lines
                                                       below that it needs, each in its own JVM, into one markdown file
                                                       (bench/results/<date>-report.md; --quick: a short trial run)

                        Benchmarks (each starts its own in-memory local stack on free ports):
                          holds [seconds] [data-dir]   one client holding 2 seats at a time: holds/s, p50/p99 latency
                                                       (with a data folder: file-backed, as the stack runs by default)
                          holdratio [seconds] [clients] [slice-ms] [variants] [warm-up-s]  8 clients holding 2 seats for new users:
                                                       the project vs the raw transaction of its own items (and with
                                                       tickets in the hold item) vs naive check-then-write, holds/s in
                                                       one run; then seats double-sold under contention
                          seatmap [seconds] [viewers] [forms]  reads of a 20,000-seat map under churn: req/s, p50/p99,
                                                       bytes/seat; forms full,compact,poll (compact with If-None-Match)
                          together [seconds] [users]   "2 together" by 64 users on 1,000 seats: holds/s, picks, 409s
                          rush [mode buyers seats [gap-ms [wait]]]  an on-sale: N buyers x two seats once each,
                                                       "2 together" (mode together) or picked by id (byid), cold and
                                                       warm: holds/s, p50/p99, requests in flight (max, mean),
                                                       201/202/409/503, false refusals, stranded seats, arrival order
                          purchases [seconds] [clients]  hold -> PayPal payment -> approve -> SUCCESS, many users:
                                                       purchases/s, p99 from approval to SUCCESS
                          expiry [n] [hold] [sweep]    expiry latency: seat holdable again, tickets CANCELLED (20 PT2S PT1S)
                          commit-barrier [per-block]   one transaction with and without waiting for DynamoDB Local's commit
                          leak [requests] [fixed|micronaut]  CPU per API request over many requests (Context beans)
                          instances [seconds] [rows] [cols] [compact|full] [8,64,512]  DynamoDB reads/s of one event's map, 8/64/512 API instances
                          freshness [changes]          compact map: data-layer write answered -> visible over HTTP, p50/p99
                          capacity [seats] [viewers] [holds/s]  the capacity model (docs/capacity.md): ceilings
                          cost [tickets viewers minutes [seats/purchase] [polls/s] [hall seats] [edge caches]]
                                                       the cost model (docs/cost.md): per 1,000 tickets, the
                                                       viewers' polling included; without arguments the page's
                          coldstart [runs] [functions-dir...]  each function's jar in fresh JVMs: constructor and first
                                                       answer, SnapStart priming and the first answer after it
                                                       (several builds' functions folders: runs alternate)
                          create [seats ...]           POST /events of big halls (10000 100000): time to the answer and
                                                       to ON_SALE, heap growth, full-map page sizes
                          sales [tickets] [per-order]  the organiser's report and CSV export of a hall with N tickets
                                                       sold through the data layer (100000 10): time, heap growth
                          cancel [tickets] [seats/hold] [data-dir]  a sold-out hall (20000, 8) cancelled: tickets and
                                                       payments refunded per second against the mock providers
                          door [tickets] [devices] [sizes]  the door (2000 10 10000,100000): check-ins/s
                                                       online from N devices (each ticket by 2 at once; tickets
                                                       admitted twice), the same scans uploaded offline, the time to
                                                       verify a code, the signed door list's size for each size
                          venues [seconds] [viewers] [sizes]  plans (20000,100000): gzip import, on sale, compact map
                                                       bytes/seat and reads/s beside a rectangle of the same size
                        """);
                System.exit(which.equals("help") ? 0 : 2);
            }
        }
        System.exit(0);
    }
}
