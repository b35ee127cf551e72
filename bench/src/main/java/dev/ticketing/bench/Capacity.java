package dev.ticketing.bench;

/**
 * The capacity model of docs/capacity.md as a calculator: per request type the DynamoDB items and units, per event
 * the ceilings under default AWS quotas, and which bites first. Item counts are those of the code (SeatHolder,
 * ReleaseHold, PaymentWrites, SellHold, SeatBatches/SeatMapBlockItems/SeatMapCache). What it costs is {@link Cost}.
 */
final class Capacity {
    // default quotas
    static final double PARTITION_WCU = 1_000, PARTITION_RCU = 3_000;
    static final double TABLE_ONDEMAND_WCU = 40_000, TABLE_ONDEMAND_RCU = 40_000;
    static final double LAMBDA_CONCURRENCY = 1_000, API_RPS = 10_000;
    static final int SEATS_PER_BLOCK = 1_000;
    /** Bytes of one seat in a block Query (projection sk, status, expires_at, hold_id, plus the key). */
    static final double SEAT_BYTES = 60;
    /**
     * Bytes of one seat in a compact block item (SeatMapBlockItems: a 4-character name and the number
     * version.status[expiry]): ~14 while RESERVED (the expiry's 13 digits), ~7 once AVAILABLE again or SOLD.
     */
    static final double BLOCK_SEAT_BYTES_RESERVED = 14, BLOCK_SEAT_BYTES_SETTLED = 7;
    /** Lambda polls a stream shard about 4 times a second; a block's seats are one partition, so one shard. */
    static final double STREAM_BATCHES_PER_SECOND = 4;
    /** Seats per conditional UpdateItem of a block item (SeatMapBlockItems.SEATS_PER_WRITE). */
    static final double SEATS_PER_BLOCK_WRITE = 25;
    /** Origin requests a second through CloudFront: about one per path per edge cache that has viewers. */
    static final double CDN_ORIGIN_RPS = 600;
    /** CloudFront's default quota of requests per second per distribution. */
    static final double CDN_RPS = 250_000;

    private Capacity() {
    }

    /** Queue partitions of an event (AllocationQueueItems.SHARDS). */
    static final int QUEUE_SHARDS = 8;
    /** Holds one allocator commits at once (EventAllocator.WAVE), and before. */
    static final int WAVE = 32, WAVE_BEFORE = 8;
    /** One hold transaction in AWS, as the model counts it elsewhere (Lambda ms of a hold). */
    static final double HOLD_SECONDS = 0.025;
    /** Polls of a pending best-available request (the page backs off from 250 ms to 1 s); counted as one on average. */
    static final double POLLS_PER_REQUEST = 1;
    /**
     * How often the allocator brings its kept view forward (EventAllocator.REFRESH, 0.5 s, while a run places), and
     * before: an allocator turn per 0.1 s wait, each reading every seat.
     */
    static final double TURNS_PER_SECOND = 2, TURNS_PER_SECOND_BEFORE = 10;
    /** BEST_AVAILABLE_WAIT (template default) and the deadline a request could wait before it (BEST_AVAILABLE_DEADLINE). */
    static final double BEST_AVAILABLE_WAIT_SECONDS = 0.1;
    /** A pending request's polls a second at most (the page's first wait, 250 ms) and one poll's time in the API. */
    static final double POLLS_A_SECOND_WHILE_PENDING = 4, POLL_SECONDS = 0.010;
    /** A running allocator renews its lease every 0.5 s (EventAllocator.RENEW_EVERY). */
    static final double LEASE_RENEWALS_PER_SECOND = 2;

    record Request(String name, double items, double wcu, double rcu, double lambdaMs, double apiCalls) {
    }

    static void run(String[] args) {
        int seats = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        double viewers = args.length > 1 ? Double.parseDouble(args[1]) : 100_000;
        double holdsPerSecond = args.length > 2 ? Double.parseDouble(args[2]) : 1_000;
        int n = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int instances = args.length > 4 ? Integer.parseInt(args[4]) : 64;
        int blocks = (seats + SEATS_PER_BLOCK - 1) / SEATS_PER_BLOCK;
        double blockRcu = Math.ceil(SEATS_PER_BLOCK * SEAT_BYTES / 4096.0); // strongly consistent Query
        double refreshRcu = 1 + blocks * blockRcu;
        // the compact map: one strongly consistent BatchGetItem of the block items, the event cached by the instance
        double blockItemBytes = SEATS_PER_BLOCK * BLOCK_SEAT_BYTES_RESERVED + 100; // worst case: every seat reserved
        double blockItemRcu = Math.ceil(blockItemBytes / 4096.0);
        double compactRefreshRcu = blocks * blockItemRcu;

        Request[] requests = {
                // hold: the client's bucket (one UpdateItem, 1 WCU, when the bucket was full); no read when warm (the
                // event is cached, the first slots are claimed unread); ONE transaction: n seats + n tickets + hold +
                // lease + slot for the event + slot across events + rate slot (2n+5). A taken first slot adds a
                // strongly consistent Query (1 RCU) and a second transaction.
                new Request("hold (" + n + " seats)", 1 + 2 * n + 5, 1 + 2 * (2 * n + 5), 0, Cost.HOLD_MS, 1),
                // release: the bucket; hold + tickets + seats read; ONE transaction: hold, n tickets, n seats, lease,
                // both slots (freed by the keys the hold item names: no read of the user's slots)
                new Request("release", 1 + 2 + n + 2 * n + 4, 1 + 2 * (2 * n + 4), 2 + n, Cost.HOLD_MS, 1),
                // checkout: the bucket; hold read; ONE transaction: hold, payment, n tickets linked, key, + grace: n
                // seats, lease, both slots (renewed by their keys, no read)
                new Request("checkout", 1 + 1 + 2 * n + 6 + 2, 1 + 2 * (2 * n + 6) + 2 * 2, 1, Cost.CHECKOUT_MS, 1),
                // sale: payment + hold + seats read; ONE transaction: payment, n tickets, n seats, hold, both slots (by
                // their keys, no read), lease
                new Request("sale (processor)", 2 + n + 2 * n + 5, 2 * (2 * n + 5), 2 + n, Cost.PROCESSOR_MS, 0),
                new Request("full map 200 (refresh)", 1 + seats, 0, refreshRcu, 150, 1),
                new Request("compact map 200 (refresh)", blocks, 0, compactRefreshRcu, 40, 1),
                new Request("seat map 200/304 (cached)", 0, 0, 0, 4, 1),
                new Request("event list", 10, 0, 2, 10, 1),
        };
        System.out.printf("Model: %,d seats (%d block partitions of %,d), %,.0f viewers polling 1/s, %,.0f hold attempts/s, "
                + "%d seats a hold, %d API instances%n%n", seats, blocks, SEATS_PER_BLOCK, viewers, holdsPerSecond, n, instances);
        System.out.println("request                    items   WCU    RCU   Lambda ms  API calls");
        for (Request r : requests) {
            System.out.printf("%-25s %6.0f %5.0f %6.0f %10.0f %10.0f%n", r.name, r.items, r.wcu, r.rcu, r.lambdaMs, r.apiCalls);
        }

        System.out.println();
        System.out.println("Ceilings per event (default quotas), per-instance snapshots refreshed at most every 0.25 s:");
        double holdWcuHotPartition = 2 * n; // the n seats of a hold sit in one block partition
        double holdsHotBlock = PARTITION_WCU / holdWcuHotPartition;
        double holdsSpread = Math.min(blocks * holdsHotBlock, TABLE_ONDEMAND_WCU / requests[0].wcu);
        System.out.printf("  holds/s, all in the best block (one partition, %.0f WCU a hold): %,.0f%n", holdWcuHotPartition, holdsHotBlock);
        System.out.printf("  holds/s, spread over all %d blocks (min of partitions and table %,.0f WCU): %,.0f%n", blocks,
                TABLE_ONDEMAND_WCU, holdsSpread);
        double refreshesPerInstance = 4; // SEATMAP_MAX_AGE 0.25 s
        double apiRps = viewers + holdsPerSecond;
        System.out.printf("  API Gateway: %,.0f rps without a CDN (quota %,.0f): %s%n", apiRps, API_RPS,
                apiRps > API_RPS ? "BITES FIRST" : "ok");
        System.out.println("  before (every instance queries every seat, full map):");
        System.out.printf("    per block partition: %d instances x %.0f refreshes/s x %.0f RCU = %,.0f RCU/s (limit %,.0f): "
                        + "max %,.0f instances%n", instances, refreshesPerInstance, blockRcu,
                instances * refreshesPerInstance * blockRcu, PARTITION_RCU, PARTITION_RCU / (refreshesPerInstance * blockRcu));
        System.out.printf("    table: %,.0f RCU/s (on-demand default %,.0f): max %,.0f instances%n",
                instances * refreshesPerInstance * refreshRcu, TABLE_ONDEMAND_RCU,
                TABLE_ONDEMAND_RCU / (refreshesPerInstance * refreshRcu));
        System.out.printf("  now (compact map from %d block items of <= %.1f KB, one BatchGetItem, %.0f RCU a refresh):%n",
                blocks, blockItemBytes / 1024, compactRefreshRcu);
        System.out.printf("    per block item: %d instances x %.0f refreshes/s x %.0f RCU = %,.0f RCU/s (limit %,.0f): "
                        + "max %,.0f instances%n", instances, refreshesPerInstance, blockItemRcu,
                instances * refreshesPerInstance * blockItemRcu, PARTITION_RCU,
                PARTITION_RCU / (refreshesPerInstance * blockItemRcu));
        System.out.printf("    table: %,.0f RCU/s: max %,.0f instances%n",
                instances * refreshesPerInstance * compactRefreshRcu,
                TABLE_ONDEMAND_RCU / (refreshesPerInstance * compactRefreshRcu));
        double cdnInstances = Math.max(1, Math.ceil(CDN_ORIGIN_RPS * 0.004));
        System.out.printf("    behind CloudFront: ~%,.0f origin requests/s whatever the viewers (<= %,.0f viewers polling 1/s: "
                        + "CloudFront's %,.0f rps per distribution), served by ~%.0f busy instances: %,.0f RCU/s%n",
                CDN_ORIGIN_RPS, CDN_RPS, CDN_RPS, cdnInstances, cdnInstances * refreshesPerInstance * compactRefreshRcu);
        // the projection: a block's changes come through one shard, in ~4 batches a second, 25 seats a write
        double hotBlockSeatChanges = holdsHotBlock * n;
        double writesPerHotBlock = STREAM_BATCHES_PER_SECOND
                * Math.ceil(hotBlockSeatChanges / STREAM_BATCHES_PER_SECOND / SEATS_PER_BLOCK_WRITE);
        System.out.printf("    projection writes: a block at %,.0f holds/s (%,.0f seat changes/s) is %,.0f UpdateItems/s of "
                        + "<= %.0f WCU = %,.0f WCU/s on its block item's partition (limit %,.0f)%n",
                holdsHotBlock, hotBlockSeatChanges, writesPerHotBlock, Math.ceil(blockItemBytes / 1024),
                writesPerHotBlock * Math.ceil(blockItemBytes / 1024), PARTITION_WCU);
        double tableSeatChanges = holdsPerSecond * n;
        double tableWrites = Math.max(blocks * STREAM_BATCHES_PER_SECOND, tableSeatChanges / SEATS_PER_BLOCK_WRITE);
        System.out.printf("    projection writes over the table at %,.0f holds/s: ~%,.0f UpdateItems/s, <= %,.0f WCU/s "
                + "(the holds themselves: %,.0f WCU/s)%n", holdsPerSecond, tableWrites,
                tableWrites * Math.ceil(blockItemBytes / 1024), holdsPerSecond * requests[0].wcu);
        bestAvailable(blocks, blockRcu, refreshRcu, blockItemRcu, n, requests[0].wcu);
        double concurrency = holdsPerSecond * 0.025 + cdnInstances;
        double concurrencyWithoutCdn = viewers * 0.004 + holdsPerSecond * 0.025 + instances * refreshesPerInstance * 0.040;
        System.out.printf("  Lambda concurrency behind CloudFront: ~%,.0f (quota %,.0f); without it ~%,.0f%n", concurrency,
                LAMBDA_CONCURRENCY, concurrencyWithoutCdn);

        ResultLine.print("capacity", "seats", seats, "viewers", viewers, "hold_attempts_per_s", holdsPerSecond,
                "seats_per_hold", n, "instances", instances,
                "holds_per_s_one_block", holdsHotBlock, "holds_per_s_all_blocks", holdsSpread,
                "api_rps_without_cdn", apiRps, "api_rps_quota", API_RPS,
                "compact_refresh_rcu", compactRefreshRcu, "full_refresh_rcu", refreshRcu,
                "instances_max_block_item", PARTITION_RCU / (refreshesPerInstance * blockItemRcu),
                "instances_max_table", TABLE_ONDEMAND_RCU / (refreshesPerInstance * compactRefreshRcu),
                "instances_max_full_block", PARTITION_RCU / (refreshesPerInstance * blockRcu),
                "instances_max_full_table", TABLE_ONDEMAND_RCU / (refreshesPerInstance * refreshRcu),
                "viewers_max_cdn", CDN_RPS, "cdn_origin_rcu_per_s", cdnInstances * refreshesPerInstance * compactRefreshRcu,
                "lambda_concurrency_cdn", concurrency, "lambda_concurrency_without_cdn", concurrencyWithoutCdn,
                "lambda_concurrency_quota", LAMBDA_CONCURRENCY);
    }

    /**
     * Best available ("N together") on one event, term by term per request, before and after issue 25: the event's
     * queue, lease and outcome items, the allocator's reads per refresh, and the allocator's own pace (AllocatorFunction
     * since issue 25's item 1).
     */
    private static void bestAvailable(int blocks, double blockRcu, double refreshRcu, double blockItemRcu, int n,
                                      double holdWcu) {
        System.out.println();
        System.out.println("Best available on one event (per request; turns of the event's one allocator):");
        // before: queue put 1 + transactional delete 2 on ALLOCATOR#<event>, and every arrival or poll tried the
        // lease (a failed conditional UpdateItem: 1 WCU) on the same partition key
        double hotWcuBefore = 1 + 2 + 1 + POLLS_PER_REQUEST;
        double queueCeilingBefore = PARTITION_WCU / hotWcuBefore;
        double allocatorBefore = WAVE_BEFORE / HOLD_SECONDS;
        double readPerTurnBefore = refreshRcu;
        // after: the queue over QUEUE_SHARDS keys; the lease read strongly consistently (1 RCU) as a request is
        // queued, and by a poll only once the lease its instance saw taken has run out (negligible per request);
        // only AllocatorFunction takes and renews it
        double queueWcu = 1 + 2;
        double queueCeiling = QUEUE_SHARDS * PARTITION_WCU / queueWcu;
        double leaseRcu = 1;
        double leaseCeiling = PARTITION_RCU / leaseRcu;
        double allocator = WAVE / HOLD_SECONDS;
        double readPerTurn = blocks * Math.ceil(blockItemRcu / 2); // eventually consistent BatchGetItem of block items
        double wcu = holdWcu + 1 + 2 + 2; // the hold (with bucket) + enqueue + dequeue + outcome, in the transaction
        System.out.printf("  %-58s %14s %14s%n", "term", "before", "after");
        System.out.printf("  %-58s %14s %14s%n", "hot-key WCU a request (queue put + delete, failed lease takes)",
                fmt(hotWcuBefore) + " on 1 key", fmt(queueWcu) + " on 1 of " + QUEUE_SHARDS);
        System.out.printf("  %-58s %14s %14s%n", "lease item a request (before: arrival + polls; after: arrival)",
                fmt(1 + POLLS_PER_REQUEST) + " WCU", fmt(leaseRcu) + " RCU");
        System.out.printf("  %-58s %14s %14s%n", "seats read a turn / refresh (RCU)", fmt(readPerTurnBefore) + " x " + fmt(TURNS_PER_SECOND_BEFORE) + "/s",
                fmt(readPerTurn) + " x " + fmt(TURNS_PER_SECOND) + "/s");
        System.out.printf("  %-58s %14s %14s%n", "lease writes a second (take, renew, release)",
                fmt(2 * TURNS_PER_SECOND_BEFORE), fmt(LEASE_RENEWALS_PER_SECOND) + " + 2 a run");
        System.out.printf("  %-58s %14s %14s%n", "table WCU a request (hold + queue + outcome)", fmt(wcu), fmt(wcu));
        System.out.printf("  ceiling, the queue's partition(s): %,.0f -> %,.0f requests/s%n", queueCeilingBefore, queueCeiling);
        System.out.printf("  ceiling, the lease item: %,.0f -> %,.0f requests/s%n", queueCeilingBefore, leaseCeiling);
        System.out.printf("  ceiling, the allocator (%d -> %d holds a wave of %.0f ms): %,.0f -> %,.0f holds/s%n", WAVE_BEFORE,
                WAVE, HOLD_SECONDS * 1000, allocatorBefore, allocator);
        System.out.printf("  ceiling, the table (%.0f WCU a request, 40,000 at most): %,.0f requests/s%n", wcu,
                TABLE_ONDEMAND_WCU / wcu);
        double ceiling = Math.min(Math.min(queueCeiling, leaseCeiling), Math.min(allocator, TABLE_ONDEMAND_WCU / wcu));
        System.out.printf("  best available per event: %,.0f -> %,.0f requests/s%n",
                Math.min(queueCeilingBefore, allocatorBefore), ceiling);
        // no API function waits for the allocator: at most BEST_AVAILABLE_WAIT, then 202; polls answer at once
        double arrivals = 1_000;
        double waitConcurrency = arrivals * BEST_AVAILABLE_WAIT_SECONDS;
        double pollConcurrency = arrivals * POLLS_A_SECOND_WHILE_PENDING * POLL_SECONDS;
        System.out.printf("  Lambda concurrency at %,.0f best-available requests/s: <= %,.0f waiting (%.1f s each) + ~%,.0f"
                        + " polling (a second of backlog, %.0f polls/s each, %.0f ms) + 1 allocator run; before: %,.0f%n",
                arrivals, waitConcurrency, BEST_AVAILABLE_WAIT_SECONDS, pollConcurrency, POLLS_A_SECOND_WHILE_PENDING,
                POLL_SECONDS * 1000, arrivals * 5);
        ResultLine.print("capacity_best_available", "hot_wcu_before", hotWcuBefore, "queue_wcu_per_shard", queueWcu,
                "queue_shards", QUEUE_SHARDS, "lease_rcu", leaseRcu, "view_rcu_per_turn_before", readPerTurnBefore,
                "view_rcu_per_turn", readPerTurn, "allocator_holds_per_s_before", allocatorBefore,
                "allocator_holds_per_s", allocator, "requests_per_s_before", Math.min(queueCeilingBefore, allocatorBefore),
                "requests_per_s", ceiling, "table_wcu_per_request", wcu);
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.format("%,.0f", value) : String.format("%,.1f", value);
    }
}
