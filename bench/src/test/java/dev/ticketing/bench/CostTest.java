package dev.ticketing.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ticketing.bench.Cost.Bill;
import dev.ticketing.bench.Cost.OnSale;
import dev.ticketing.bench.Cost.Purchase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic of docs/cost.md: the counts per purchase, the prices times the quantities, the viewers' share. */
class CostTest {
    private static final double CENT_FRACTION = 1e-9;

    @Test
    void aTwoSeatPurchaseWritesTheTransactionsOfTheCodeAndTheirIndexEntries() {
        Purchase purchase = new Purchase(2);

        // bucket 1 + hold 18 + bucket 1 + checkout 20 + order link 4 + capture requested 1 + sale 18
        assertThat(purchase.tableWriteUnits()).isEqualTo(63);
        // 3n+13: gsi1 for the hold, tickets and payment at each step, expiry and reconcile in and out
        assertThat(purchase.indexWriteUnits()).isEqualTo(19);
        assertThat(purchase.readUnits()).isEqualTo(13);
        assertThat(purchase.apiCalls()).isEqualTo(7);
        // API 0.375 s at 1 GB, webhooks 2 x 50 ms at 0.5 GB, processor 2 x 400 ms at 1 GB
        assertThat(purchase.apiGbSeconds() + purchase.webhookGbSeconds() + purchase.processorGbSeconds())
                .isCloseTo(0.375 + 0.05 + 0.8, within(1e-12));
        assertThat(new Purchase(10).indexWriteUnits()).isEqualTo(43);
    }

    @Test
    void withoutViewersThePurchasesPayEverythingAtArm64Prices() {
        OnSale show = new OnSale("show", 1_000, 1_000, 2, 0, 1, Duration.ofHours(1), 10);

        Bill bill = Cost.bill(show);

        assertThat(bill.viewersUsd()).isZero();
        assertThat(bill.line("CloudFront requests").usd()).isZero();
        // 500 purchases x 19 index units at $0.625 a million
        assertThat(bill.line("DynamoDB writes, indexes (gsi1, expiry, reconcile)").usd())
                .isCloseTo(500 * 19 * 0.625e-6, within(CENT_FRACTION));
        // 500 x 1.225 GB-s + the projection's 1,000 batches x 10 ms, at arm64's $0.0000133334, not x86's $0.0000166667
        assertThat(bill.line("Lambda duration (arm64)").usd())
                .isCloseTo((500 * 1.225 + 1_000 * 0.010) * 0.0000133334, within(CENT_FRACTION));
        // 500 x 9 through API Gateway: 7 buyer's calls and 2 webhooks
        assertThat(bill.line("API Gateway HTTP API").usd()).isCloseTo(4_500 * 1e-6, within(CENT_FRACTION));
        assertThat(bill.line("SQS").usd()).isCloseTo(3_000 * 0.40e-6, within(CENT_FRACTION));
        assertThat(bill.usdPer1000Tickets()).isEqualTo(bill.usd());
        assertThat(bill.usd()).isCloseTo(bill.lines().stream().mapToDouble(Cost.Line::usd).sum(), within(CENT_FRACTION));
    }

    @Test
    void aBigOnSalesViewersPayCloudFrontPerPollAndTheOriginOnlyPerEdgeCache() {
        OnSale onSale = new OnSale("rush", 20_000, 20_000, 2, 100_000, 1, Duration.ofMinutes(20), 600);

        Bill bill = Cost.bill(onSale);

        // 100,000 viewers x 1 poll a second x 1,200 s at $0.0100 per 10,000
        assertThat(bill.line("CloudFront requests").viewers()).isEqualTo(120_000_000);
        assertThat(bill.line("CloudFront requests").usd()).isCloseTo(120.0, within(1e-6));
        // 16.7 map changes a second: nearly every poll carries the 6,000-byte gzipped map and its headers
        assertThat(onSale.bodyShare()).isCloseTo(1 - Math.exp(-20_000.0 / 1_200), within(1e-12));
        assertThat(bill.line("CloudFront data out").usd())
                .isCloseTo(120e6 * (500 + onSale.bodyShare() * 6_000) / 1e9 * 0.085, within(1e-6));
        // the origin: 600 edge caches once a second, not 100,000 viewers
        assertThat(bill.line("API Gateway HTTP API").viewers()).isEqualTo(600 * 1_200);
        assertThat(bill.usdPer1000Tickets()).isCloseTo(bill.usd() / 20, within(CENT_FRACTION));
        assertThat(bill.viewersUsd()).isGreaterThan(100 * bill.purchasesUsd());
    }

    @Test
    void pollingLessOftenCutsTheViewersRequestsInProportion() {
        OnSale everySecond = new OnSale("1 s", 20_000, 20_000, 2, 100_000, 1, Duration.ofMinutes(20), 600);
        OnSale everyFive = new OnSale("5 s", 20_000, 20_000, 2, 100_000, 0.2, Duration.ofMinutes(20), 600);

        assertThat(Cost.bill(everyFive).line("CloudFront requests").usd())
                .isCloseTo(Cost.bill(everySecond).line("CloudFront requests").usd() / 5, within(CENT_FRACTION));
    }

    @Test
    void xRayRecordsOneTraceASecondAndFivePercentOfTheRest() {
        assertThat(Cost.tracesRecorded(1_800, 3_600)).isEqualTo(1_800);
        assertThat(Cost.tracesRecorded(720_000, 1_200)).isCloseTo(1_200 + 0.05 * (720_000 - 1_200), within(1e-6));
    }

    @Test
    void thePageShowsEveryScenarioAndEveryServicePriced() {
        String page = Cost.markdown(Cost.scenarios().stream().map(Cost::bill).toList());

        assertThat(page).contains("A purchase of 2 seats: 63 WRU in the table + 19 in the indexes, 13 RRU",
                "| 20,000-seat on-sale, 100,000 viewers for 20 minutes | 20,000 | 100,000 x 1 | 20 | 600 |",
                "| CloudFront requests | requests | $1 per million | 0 | 120,000,000 | $120.00 |",
                "| Lambda duration (arm64) | GB-s | $13.33 per million |");
        assertThat(Cost.dollars(0.0866)).isEqualTo("0.087");
        assertThat(Cost.dollars(1234.567)).isEqualTo("1,234.57");
    }

    @Test
    void anOnSaleThatSellsNothingOrMoreThanTheHallIsRefused() {
        for (List<Integer> ticketsAndSeats : List.of(List.of(0, 100), List.of(101, 100))) {
            assertThatThrownBy(() -> new OnSale("x", ticketsAndSeats.get(0), ticketsAndSeats.get(1), 2, 0, 1,
                    Duration.ofMinutes(1), 1)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
