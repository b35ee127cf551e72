package dev.ticketing.events;

import static dev.ticketing.events.BlockSeatsIT.ORGANISER;
import static dev.ticketing.events.BlockSeatsIT.seats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.events.model.CompRequest;
import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.SalesReport;
import dev.ticketing.identity.Caller;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.problems.ForbiddenException;
import dev.ticketing.store.Table;
import dev.ticketing.testing.BoxOffice;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The organiser's report and export ({@link ReportSales}) against DynamoDB Local: its figures are the table's. */
class ReportSalesIT {
    @RegisterExtension
    final BoxOffice office = new BoxOffice();
    private final ReportSales reports = office.bean(ReportSales.class);

    @Test
    void theReportCountsWhatTheTableHolds() throws Exception {
        Event event = office.newEvent(2, 4);
        Payment sold = office.sell(office.hold("buyer-1", event, "1-1", "1-2"));
        Payment refunded = office.sell(office.hold("buyer-2", event, "2-1"));
        office.bean(RefundOrder.class).refund(ORGANISER, refunded.id(), null);
        office.hold("buyer-3", event, "2-2");
        office.bean(BlockSeats.class).block(ORGANISER, event.id(), seats("2-3", "2-4", "1-4"));
        office.bean(CompSeats.class).comp(ORGANISER, event.id(), new CompRequest(List.of("1-4"), "guest"));

        SalesReport report = reports.report(ORGANISER, event.id());

        Map<String, Long> table = seatStatusesInTable(event);
        assertThat(report.seats()).isEqualTo(new SalesReport.Seats(table.getOrDefault("AVAILABLE", 0L),
                table.getOrDefault("RESERVED", 0L), table.get("SOLD") - 1, table.get("BLOCKED"), 1));
        assertThat(report.seats()).isEqualTo(new SalesReport.Seats(2, 1, 2, 2, 1));
        assertThat(report.revenue().gross()).isEqualByComparingTo(sold.amount());
        assertThat(report.revenue().refunded()).isEqualByComparingTo("0");
        assertThat(report.revenue().net()).isEqualByComparingTo(sold.amount());
        assertThat(report.revenue().byProvider()).containsOnlyKeys(sold.provider().name());
        assertThat(report.revenue().byCategory().stream().mapToLong(SalesReport.Category::tickets).sum()).isEqualTo(2);
        assertThat(report.revenue().byCategory().stream().map(SalesReport.Category::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(sold.amount());
        assertThat(report.salesPerDay()).singleElement().satisfies(day -> {
            assertThat(day.tickets()).isEqualTo(2);
            assertThat(day.amount()).isEqualByComparingTo(sold.amount());
        });

        StringWriter csv = new StringWriter();
        reports.csv(ORGANISER, event.id()).writeTo(csv);
        List<String> lines = csv.toString().lines().toList();
        assertThat(lines).hasSize(1 + 3);
        assertThat(lines.get(0)).isEqualTo(String.join(",", ReportSales.CSV_HEADER));
        assertThat(lines).filteredOn(line -> line.contains("COMP")).hasSize(1);
    }

    @Test
    void aBuyerCannotReadTheReportNorTheExport() {
        Event event = office.newEvent(1, 2);
        Caller buyer = new Caller("buyer-1", false);

        assertThatThrownBy(() -> reports.report(buyer, event.id())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> reports.csv(buyer, event.id())).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void aValueASpreadsheetWouldRunAsAFormulaIsNeutralised() {
        assertThat(ReportSales.cell("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(ReportSales.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(ReportSales.cell("Ada Lovelace")).isEqualTo("Ada Lovelace");
    }

    private Map<String, Long> seatStatusesInTable(Event event) {
        Table table = office.bean(Table.class);
        return table.client().scanPaginator(b -> b.tableName(table.name()).consistentRead(true)).items().stream()
                .filter(item -> item.get("pk").s().startsWith("SEATS#" + event.id() + "#"))
                .collect(Collectors.groupingBy(item -> item.get("status").s(), Collectors.counting()));
    }
}
