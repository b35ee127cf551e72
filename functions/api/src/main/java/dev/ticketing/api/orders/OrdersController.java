package dev.ticketing.api.orders;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketing.api.query.QueryValues;
import dev.ticketing.identity.Caller;
import dev.ticketing.orders.ReadOrders;
import dev.ticketing.orders.model.Order;
import dev.ticketing.store.Page;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.List;

/** A buyer's orders, and one order by its code (its buyer, staff, admins). */
@Controller
public class OrdersController {
    private final ReadOrders orders;

    public OrdersController(ReadOrders orders) {
        this.orders = orders;
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

    @Get("/orders/{code}")
    public Order get(Caller caller, String code) {
        return orders.byCode(caller, code);
    }
}
