package dev.ticketing.api.orders;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketing.api.query.QueryValues;
import dev.ticketing.delivery.PrintTickets;
import dev.ticketing.identity.Caller;
import dev.ticketing.orders.ReadOrders;
import dev.ticketing.orders.model.Order;
import dev.ticketing.problems.NotFoundException;
import dev.ticketing.store.Page;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.List;

/** A buyer's orders, one order by its code (its buyer, staff, admins), and the tickets' PDF (docs/delivery.md). */
@Controller
public class OrdersController {
    private static final String PDF = ".pdf";
    private final ReadOrders orders;
    private final PrintTickets tickets;

    public OrdersController(ReadOrders orders, PrintTickets tickets) {
        this.orders = orders;
        this.tickets = tickets;
    }

    /** The answer of {@code GET /me/orders}: a page of orders, and the cursor of the next ({@code null} at the end). */
    public record OrderPage(List<Order> orders, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String next) {
    }

    /** The caller's orders, newest first, {@code limit} (default 50, at most 100) at a time. */
    @Get("/me/orders")
    public OrderPage mine(Caller caller, QueryValues query) {
        Page<Order> page = orders.mine(caller, Page.limit(query.get("limit")), query.get("cursor"));
        return new OrderPage(page.items(), page.next());
    }

    /**
     * {@code GET /orders/{code}}: the order (its buyer, staff, admins); {@code GET /orders/{code}.pdf}: its tickets'
     * PDF (its buyer, the event's organiser, admins). One route: API Gateway's path variables are whole segments.
     */
    @Get("/orders/{code}")
    public HttpResponse<?> get(Caller caller, String code) {
        if (code.endsWith(PDF)) {
            return pdf(tickets.order(caller, code.substring(0, code.length() - PDF.length())));
        }
        return HttpResponse.ok(orders.byCode(caller, code));
    }

    /** {@code GET /tickets/{ticketId}.pdf}: one ticket's page, for its buyer. */
    @Get("/tickets/{file}")
    public HttpResponse<?> ticket(Caller caller, String file) {
        if (!file.endsWith(PDF)) {
            throw new NotFoundException("Tickets are served as PDF only: /tickets/<ticketId>.pdf");
        }
        return pdf(tickets.ticket(caller, file.substring(0, file.length() - PDF.length())));
    }

    /**
     * A PDF answer. API Gateway passes a Lambda's binary body only base64-encoded: Micronaut encodes bodies of the
     * media types it is told are binary ({@code micronaut.function.binary-types.additional-types} in
     * application.properties names application/pdf), and the local front decodes them as API Gateway does.
     */
    private static HttpResponse<byte[]> pdf(PrintTickets.Pdf pdf) {
        return HttpResponse.ok(pdf.content()).contentType(MediaType.of("application/pdf"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + pdf.fileName() + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store");
    }
}
