package dev.ticketing.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cost model of docs/cost.md: what an on-sale costs in AWS, per 1,000 tickets sold, with the viewers' seat-map
 * polling included. In: the tickets sold, the seats a purchase buys, the viewers, how often each polls, and how long
 * the on-sale lasts ({@link OnSale}). Out: a bill per service, split into what the purchases cost and what the viewers
 * cost ({@link #bill}). A calculation from the calls the code makes and AWS's list prices, not a measurement.
 * <p>
 * Dollars are doubles: these are estimates of a bill, printed to the cent, not amounts that change hands (those are
 * BigDecimal in shared/).
 */
final class Cost {
    // ---- AWS list prices: us-east-1, on-demand, free tiers left out. Recorded 2026-11-29 from each service's pricing
    // ---- page (aws.amazon.com/<service>/pricing/), not re-checked since: this build's machines cannot reach them.

    /** Lambda, arm64 (every function here, template.yaml Globals), per GB-second: aws.amazon.com/lambda/pricing. */
    static final double LAMBDA_ARM64_GB_SECOND = 0.0000133334;
    /** Lambda, per request (either architecture): aws.amazon.com/lambda/pricing. */
    static final double LAMBDA_REQUEST = 0.20 / 1e6;
    /** API Gateway HTTP API, per request up to 512 KB (first 300 million a month): aws.amazon.com/api-gateway/pricing. */
    static final double HTTP_API_REQUEST = 1.00 / 1e6;
    /** DynamoDB on-demand, per write request unit (after the November 2024 cut): aws.amazon.com/dynamodb/pricing/on-demand. */
    static final double DYNAMODB_WRITE_UNIT = 0.625 / 1e6;
    /** DynamoDB on-demand, per read request unit: aws.amazon.com/dynamodb/pricing/on-demand. */
    static final double DYNAMODB_READ_UNIT = 0.125 / 1e6;
    /** SQS standard queue, per request (64 KB chunk): aws.amazon.com/sqs/pricing. */
    static final double SQS_REQUEST = 0.40 / 1e6;
    /** CloudFront, per HTTPS request, North America and Europe (PriceClass_100): aws.amazon.com/cloudfront/pricing. */
    static final double CLOUDFRONT_HTTPS_REQUEST = 0.0100 / 10_000;
    /** CloudFront, per GB to the internet, North America and Europe, first 10 TB: aws.amazon.com/cloudfront/pricing. */
    static final double CLOUDFRONT_GB_OUT = 0.085;
    /** CloudWatch Logs, per GB ingested (Standard; Lambda's vended-log first tier): aws.amazon.com/cloudwatch/pricing. */
    static final double LOGS_GB_INGESTED = 0.50;
    /** X-Ray, per trace recorded (Tracing: Active on every function): aws.amazon.com/xray/pricing. */
    static final double XRAY_TRACE = 5.00 / 1e6;

    // ---- the template's functions (template.yaml) ----

    /** MemorySize of every function (Globals) but the webhook's. */
    static final double FUNCTION_GB = 1.0;
    /** PaymentWebhookFunction's MemorySize: 512 MB. */
    static final double WEBHOOK_GB = 0.5;
    /**
     * X-Ray's default sampling in Lambda: the first request each second and 5 % of the others, per function (AWS Lambda
     * Developer Guide, "Visualize Lambda function invocations using AWS X-Ray").
     */
    static final double XRAY_RESERVOIR_PER_SECOND = 1, XRAY_FIXED_RATE = 0.05;

    // ---- what the code does per request (docs/capacity.md, "Per request") ----

    /** Lambda milliseconds (warm) of the buyer's API calls: hold, checkout (the provider's order), status read, tickets. */
    static final double HOLD_MS = 25, CHECKOUT_MS = 300, READ_MS = 10;
    /** The payment status reads of a buyer's page after the approval (checkout.js polls once a second). */
    static final double STATUS_POLLS = 4;
    /** A webhook: verify the signature, queue (PayPal sends 2 a purchase: the approval and the capture's completion). */
    static final double WEBHOOKS = 2, WEBHOOK_MS = 50;
    /** The processor, once per webhook: asks the provider for the order, captures or sells (capacity.md: ~400 ms). */
    static final double PROCESSOR_MS = 400;
    /** SQS per webhook: SendMessage, then Lambda's ReceiveMessage and DeleteMessage. */
    static final double SQS_PER_WEBHOOK = 3;
    /** A seat-map answer from the instance's snapshot (the origin behind CloudFront, mostly 304). */
    static final double SNAPSHOT_MS = 4;
    /** A seat-map projection batch (SeatMapProjectionFunction). */
    static final double PROJECTION_MS = 10;
    /** Log bytes ingested per API request (the access line, START/END/REPORT, the handler's JSON lines). */
    static final double LOG_BYTES_API_REQUEST = 2_000;
    /** Log bytes ingested per other invocation (START/END/REPORT and a few JSON lines). */
    static final double LOG_BYTES_INVOCATION = 1_500;
    /** Seat-map changes a purchase makes: its seats reserved (the hold), then sold (the sale). */
    static final double MAP_CHANGES_PER_PURCHASE = 2;
    /**
     * Bytes of the compact map a poll carries: 1.2 a seat uncompressed (measured, bench report 2026-11-29), gzipped by
     * CloudFront (Compress: true) to about a quarter (estimated); and the answer's headers, with or without a body.
     */
    static final double COMPACT_GZIP_BYTES_PER_SEAT = 1.2 / 4, ANSWER_HEADER_BYTES = 500;

    private Cost() {
    }

    /**
     * What one purchase of {@code seats} seats asks of AWS, from the code: the transactions of docs/capacity.md
     * (SeatHolder, PaymentWrites, SellHold), the index entries they write, and the buyer's calls. The buyer's own
     * seat-map polls are not here: the buyer is one of the viewers.
     */
    record Purchase(int seats) {
        /**
         * Table writes: the hold 2(2n+5) and the checkout 2(2n+6), each after 1 for the client's bucket (a lone
         * UpdateItem), the order link 2x2 (a transaction of 2), capture requested 1 (a lone UpdateItem), the sale
         * 2(2n+5); items under 1 KB, transactions at 2 units an item.
         */
        double tableWriteUnits() {
            return 1 + 2 * (2 * seats + 5) + 1 + 2 * (2 * seats + 6) + 2 * 2 + 1 + 2 * (2 * seats + 5);
        }

        /**
         * Index writes (1 unit per item written to an index, under 1 KB; a changed index key is a delete and a put):
         * the hold puts the hold (gsi1, expiry) and n tickets (gsi1) = n+2; the checkout updates the hold (gsi1, and
         * expiry's key moves with the grace: 2), puts the payment (gsi1, reconcile), links n tickets (gsi1) = n+5, and
         * the order's update of the payment (gsi1) 1; capture requested (gsi1) 1; the sale: the payment (gsi1, leaves
         * reconcile), n tickets (gsi1), the hold (gsi1, leaves expiry) = n+4. In all 3n+13.
         */
        double indexWriteUnits() {
            return (seats + 2) + (seats + 5) + 1 + 1 + (seats + 4);
        }

        /**
         * Strongly consistent reads of items under 4 KB, 1 unit each: the checkout's hold 1, the status reads 4, the
         * buyer's tickets (a gsi1 Query) 1, each webhook's order link and payment 2x2, the sale's hold and n seats.
         */
        double readUnits() {
            return 1 + STATUS_POLLS + 1 + WEBHOOKS * 2 + 1 + seats;
        }

        /** The buyer's calls to ApiFunction: hold, checkout, the status reads, the tickets. */
        double apiCalls() {
            return 2 + STATUS_POLLS + 1;
        }

        double apiGbSeconds() {
            return (HOLD_MS + CHECKOUT_MS + (STATUS_POLLS + 1) * READ_MS) / 1000 * FUNCTION_GB;
        }

        double webhookGbSeconds() {
            return WEBHOOKS * WEBHOOK_MS / 1000 * WEBHOOK_GB;
        }

        double processorGbSeconds() {
            return WEBHOOKS * PROCESSOR_MS / 1000 * FUNCTION_GB;
        }
    }

    /**
     * One on-sale: {@code tickets} sold from a hall of {@code hallSeats}, {@code seatsPerPurchase} a purchase, while
     * {@code viewers} keep the page open and poll the compact map {@code pollsPerSecond} times a second each, for
     * {@code length}, through {@code edgeCaches} CloudFront caches (each asks the origin at most once a second: the
     * 1-second TTL).
     */
    record OnSale(String name, int tickets, int hallSeats, int seatsPerPurchase, double viewers, double pollsPerSecond,
                  Duration length, double edgeCaches) {
        OnSale {
            if (tickets <= 0 || hallSeats < tickets || seatsPerPurchase <= 0 || viewers < 0 || pollsPerSecond < 0
                    || length.isNegative() || length.isZero() || edgeCaches < 1) {
                throw new IllegalArgumentException("an on-sale sells 1..hallSeats tickets, >= 1 a purchase, over a "
                        + "positive length, to >= 0 viewers polling >= 0 times a second through >= 1 edge cache");
            }
        }

        double purchases() {
            return (double) tickets / seatsPerPurchase;
        }

        double seconds() {
            return length.toMillis() / 1000.0;
        }

        double viewerPolls() {
            return viewers * pollsPerSecond * seconds();
        }

        /** Origin requests: one a second per edge cache with viewers, at most one per viewer poll (capacity.md). */
        double originRequestsPerSecond() {
            return Math.min(viewers * pollsPerSecond, edgeCaches);
        }

        /**
         * The share of polls that carry a body: the map changed since the viewer's last poll. Changes arrive at
         * random (Poisson), so with c changes a second and a poll every 1/p seconds that is 1 - e^(-c/p).
         */
        double bodyShare() {
            if (pollsPerSecond == 0) {
                return 0;
            }
            double changesPerSecond = purchases() * MAP_CHANGES_PER_PURCHASE / seconds();
            return 1 - Math.exp(-changesPerSecond / pollsPerSecond);
        }

        double bytesPerPoll() {
            return ANSWER_HEADER_BYTES + bodyShare() * hallSeats * COMPACT_GZIP_BYTES_PER_SEAT;
        }

        int blocks() {
            return (hallSeats + Capacity.SEATS_PER_BLOCK - 1) / Capacity.SEATS_PER_BLOCK;
        }

        /** Write units of one projection UpdateItem: the block item's size, at most 14 bytes a seat (capacity.md). */
        double projectionWriteUnits() {
            double blockSeats = Math.min(hallSeats, Capacity.SEATS_PER_BLOCK);
            return Math.ceil((blockSeats * Capacity.BLOCK_SEAT_BYTES_RESERVED + 100) / 1024);
        }

        /**
         * Projection UpdateItems: one per block per stream batch that changed it (a hold's seats are in one block),
         * so one per change until a block's changes share its ~4 batches a second.
         */
        double projectionWrites() {
            double changes = purchases() * MAP_CHANGES_PER_PURCHASE;
            return Math.min(changes, Capacity.STREAM_BATCHES_PER_SECOND * blocks() * seconds());
        }

        /** Projection invocations: one per stream batch (~4 a second on a shard with changes), at most one per change. */
        double projectionInvocations() {
            return Math.min(purchases() * MAP_CHANGES_PER_PURCHASE, Capacity.STREAM_BATCHES_PER_SECOND * seconds());
        }

        /**
         * The origin's refresh reads: the API instances busy with the origin's requests (4 ms each) refresh their
         * snapshot at most twice a second, one BatchGetItem of the block items each (capacity.md).
         */
        double originRefreshReadUnits() {
            if (viewers == 0 || pollsPerSecond == 0) {
                return 0;
            }
            double instances = Math.max(1, Math.ceil(originRequestsPerSecond() * SNAPSHOT_MS / 1000));
            double blockItemBytes = Math.min(hallSeats, Capacity.SEATS_PER_BLOCK) * Capacity.BLOCK_SEAT_BYTES_RESERVED + 100;
            return instances * 2 * blocks() * Math.ceil(blockItemBytes / 4096) * seconds();
        }
    }

    /** One service's share: what is counted, its price, and the quantity the purchases and the viewers use. */
    record Line(String service, String unit, double price, double purchases, double viewers) {
        double purchasesUsd() {
            return purchases * price;
        }

        double viewersUsd() {
            return viewers * price;
        }

        double usd() {
            return purchasesUsd() + viewersUsd();
        }
    }

    /** An on-sale's bill, line by line. */
    record Bill(OnSale onSale, List<Line> lines) {
        double purchasesUsd() {
            return lines.stream().mapToDouble(Line::purchasesUsd).sum();
        }

        double viewersUsd() {
            return lines.stream().mapToDouble(Line::viewersUsd).sum();
        }

        double usd() {
            return purchasesUsd() + viewersUsd();
        }

        double usdPer1000Tickets() {
            return usd() / onSale.tickets() * 1000;
        }

        Line line(String service) {
            return lines.stream().filter(l -> l.service().equals(service)).findFirst().orElseThrow();
        }
    }

    /**
     * Traces X-Ray records of one function invoked {@code invocations} times evenly over {@code seconds}: the
     * reservoir's one a second (never more than the invocations), then 5 % of the rest.
     */
    static double tracesRecorded(double invocations, double seconds) {
        double reservoir = Math.min(invocations, XRAY_RESERVOIR_PER_SECOND * seconds);
        return reservoir + XRAY_FIXED_RATE * (invocations - reservoir);
    }

    /** The bill of one on-sale: every service it uses, priced. */
    static Bill bill(OnSale sale) {
        Purchase purchase = new Purchase(sale.seatsPerPurchase());
        double purchases = sale.purchases();
        double seconds = sale.seconds();
        double origin = sale.originRequestsPerSecond() * seconds;
        double polls = sale.viewerPolls();

        double apiInvocationsBuyers = purchases * purchase.apiCalls();
        double webhookInvocations = purchases * WEBHOOKS;
        double processorInvocations = purchases * WEBHOOKS;
        double projectionInvocations = sale.projectionInvocations();
        // ApiFunction serves both; its sampled traces are shared out by invocations
        double apiTraces = tracesRecorded(apiInvocationsBuyers + origin, seconds);
        double buyersShareOfApi = apiInvocationsBuyers / Math.max(1, apiInvocationsBuyers + origin);
        double otherTraces = tracesRecorded(webhookInvocations, seconds) + tracesRecorded(processorInvocations, seconds)
                + tracesRecorded(projectionInvocations, seconds);

        List<Line> lines = new ArrayList<>();
        lines.add(new Line("DynamoDB writes, table (incl. the seat-map projection)", "WRU", DYNAMODB_WRITE_UNIT,
                purchases * purchase.tableWriteUnits() + sale.projectionWrites() * sale.projectionWriteUnits(), 0));
        lines.add(new Line("DynamoDB writes, indexes (gsi1, expiry, reconcile)", "WRU", DYNAMODB_WRITE_UNIT,
                purchases * purchase.indexWriteUnits(), 0));
        lines.add(new Line("DynamoDB reads", "RRU", DYNAMODB_READ_UNIT, purchases * purchase.readUnits(),
                sale.originRefreshReadUnits()));
        lines.add(new Line("API Gateway HTTP API", "requests", HTTP_API_REQUEST,
                apiInvocationsBuyers + webhookInvocations, origin));
        lines.add(new Line("Lambda requests", "invocations", LAMBDA_REQUEST,
                apiInvocationsBuyers + webhookInvocations + processorInvocations + projectionInvocations, origin));
        lines.add(new Line("Lambda duration (arm64)", "GB-s", LAMBDA_ARM64_GB_SECOND,
                purchases * (purchase.apiGbSeconds() + purchase.webhookGbSeconds() + purchase.processorGbSeconds())
                        + projectionInvocations * PROJECTION_MS / 1000 * FUNCTION_GB,
                origin * SNAPSHOT_MS / 1000 * FUNCTION_GB));
        lines.add(new Line("SQS", "requests", SQS_REQUEST, webhookInvocations * SQS_PER_WEBHOOK, 0));
        lines.add(new Line("CloudFront requests", "requests", CLOUDFRONT_HTTPS_REQUEST, 0, polls));
        lines.add(new Line("CloudFront data out", "GB", CLOUDFRONT_GB_OUT, 0, polls * sale.bytesPerPoll() / 1e9));
        lines.add(new Line("CloudWatch Logs ingestion", "GB", LOGS_GB_INGESTED,
                ((apiInvocationsBuyers + webhookInvocations) * LOG_BYTES_API_REQUEST
                        + (processorInvocations + projectionInvocations) * LOG_BYTES_INVOCATION) / 1e9,
                origin * LOG_BYTES_API_REQUEST / 1e9));
        lines.add(new Line("X-Ray traces", "traces", XRAY_TRACE, apiTraces * buyersShareOfApi + otherTraces,
                apiTraces * (1 - buyersShareOfApi)));
        return new Bill(sale, lines);
    }

    /**
     * Edge caches a city's audience reaches (assumed: a handful of edge locations and their regional cache); a
     * country-wide on-sale is given capacity.md's ~600.
     */
    static final double LOCAL_EDGE_CACHES = 10;

    /** The on-sales docs/cost.md shows. */
    static List<OnSale> scenarios() {
        Duration hour = Duration.ofMinutes(60), rush = Duration.ofMinutes(20);
        return List.of(
                new OnSale("1,000-seat show, only the buyers", 1_000, 1_000, 2, 0, 1, hour, LOCAL_EDGE_CACHES),
                new OnSale("1,000-seat show, 1,000 viewers for an hour", 1_000, 1_000, 2, 1_000, 1, hour, LOCAL_EDGE_CACHES),
                new OnSale("20,000-seat on-sale, 100,000 viewers for 20 minutes", 20_000, 20_000, 2, 100_000, 1, rush,
                        Capacity.CDN_ORIGIN_RPS),
                new OnSale("the same, the page polling every 5 s", 20_000, 20_000, 2, 100_000, 0.2, rush,
                        Capacity.CDN_ORIGIN_RPS));
    }

    /**
     * {@code cost} prints docs/cost.md's on-sales; {@code cost tickets viewers minutes [seatsPerPurchase]
     * [pollsPerSecond] [hallSeats] [edgeCaches]} one of your own (defaults 2, 1, a hall of {@code tickets} seats, 600).
     */
    static void run(String[] args) {
        List<OnSale> sales;
        if (args.length == 0) {
            sales = scenarios();
        } else if (args.length >= 3) {
            int tickets = Integer.parseInt(args[0]);
            sales = List.of(new OnSale("your on-sale", tickets,
                    args.length > 5 ? Integer.parseInt(args[5]) : tickets,
                    args.length > 3 ? Integer.parseInt(args[3]) : 2, Double.parseDouble(args[1]),
                    args.length > 4 ? Double.parseDouble(args[4]) : 1,
                    Duration.ofSeconds(Math.round(Double.parseDouble(args[2]) * 60)),
                    args.length > 6 ? Double.parseDouble(args[6]) : Capacity.CDN_ORIGIN_RPS));
        } else {
            throw new IllegalArgumentException(
                    "cost [tickets viewers minutes [seatsPerPurchase] [pollsPerSecond] [hallSeats] [edgeCaches]]");
        }
        List<Bill> bills = sales.stream().map(Cost::bill).toList();
        System.out.print(markdown(bills));
        for (Bill bill : bills) {
            OnSale s = bill.onSale();
            ResultLine.print("cost", "tickets", s.tickets(), "hall_seats", s.hallSeats(),
                    "seats_per_purchase", s.seatsPerPurchase(), "viewers", s.viewers(), "polls_per_s", s.pollsPerSecond(),
                    "minutes", s.seconds() / 60, "edge_caches", s.edgeCaches(), "usd_purchases", bill.purchasesUsd(), "usd_viewers", bill.viewersUsd(),
                    "usd", bill.usd(), "usd_per_1000_tickets", bill.usdPer1000Tickets());
        }
    }

    /** The summary table, then each on-sale's bill by service. */
    static String markdown(List<Bill> bills) {
        StringBuilder out = new StringBuilder();
        Purchase two = new Purchase(2);
        out.append(String.format(Locale.ROOT, "A purchase of 2 seats: %.0f WRU in the table + %.0f in the indexes, %.0f RRU,"
                        + " %.0f API calls + %.0f webhooks, %.0f SQS requests, %.2f GB-s of Lambda%n%n",
                two.tableWriteUnits(), two.indexWriteUnits(), two.readUnits(), two.apiCalls(), WEBHOOKS,
                WEBHOOKS * SQS_PER_WEBHOOK, two.apiGbSeconds() + two.webhookGbSeconds() + two.processorGbSeconds()));
        out.append("| On-sale | Tickets | Viewers x polls/s | Minutes | Edge caches | Purchases | Viewers | Total "
                + "| **Per 1,000 tickets** |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Bill bill : bills) {
            OnSale s = bill.onSale();
            out.append(String.format(Locale.ROOT, "| %s | %,d | %,.0f x %s | %,.0f | %,.0f | $%s | $%s | $%s | **$%s** |%n",
                    s.name(), s.tickets(), s.viewers(), number(s.pollsPerSecond()), s.seconds() / 60, s.edgeCaches(),
                    dollars(bill.purchasesUsd()), dollars(bill.viewersUsd()), dollars(bill.usd()),
                    dollars(bill.usdPer1000Tickets())));
        }
        for (Bill bill : bills) {
            out.append(String.format(Locale.ROOT, "%n%s:%n%n", bill.onSale().name()));
            out.append("| Service | Unit | Price | Purchases | Viewers | Cost |\n|---|---|---|---|---|---|\n");
            for (Line line : bill.lines()) {
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | $%s |%n", line.service(), line.unit(),
                        price(line.price()), number(line.purchases()), number(line.viewers()), dollars(line.usd())));
            }
        }
        return out.toString();
    }

    /** Cents, or three decimals under a dollar (a tenth of a cent tells the small bills apart). */
    static String dollars(double usd) {
        return usd >= 1 ? String.format(Locale.ROOT, "%,.2f", usd) : String.format(Locale.ROOT, "%.3f", usd);
    }

    /** A unit price as its price list says it: per million units when under a tenth of a cent. */
    private static String price(double usd) {
        return usd < 0.001 ? "$" + number(usd * 1e6) + " per million" : "$" + number(usd);
    }

    private static String number(double value) {
        if (value == 0) {
            return "0";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.4g", value).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }
}
