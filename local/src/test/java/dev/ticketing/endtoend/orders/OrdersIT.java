package dev.ticketing.endtoend.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.testing.Api;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A purchase makes an order: a code to read out, the buyer, the tickets with seats, prices and codes. */
class OrdersIT {
    private final Purchases shop = new Purchases();
    private final Api api = shop.api;

    @Test
    void aPaidPurchaseIsAnOrderWithACodeTheBuyerAndItsTicketsWithCodes() {
        String event = api.createEvent(5, 8);
        String alice = api.newUser("alice");

        Purchases.Purchase bought = shop.buy(event, alice, "1-2", "3-4");

        assertThat(bought.orderCode()).matches("[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}");
        JsonNode order = shop.order(bought.orderCode(), alice);
        assertThat(order.get("code").asText()).isEqualTo(bought.orderCode());
        assertThat(order.get("eventId").asText()).isEqualTo(event);
        assertThat(order.get("status").asText()).isEqualTo("PAID");
        assertThat(order.get("total").asText()).isEqualTo("70.00");
        assertThat(order.get("currency").asText()).isEqualTo("EUR");
        assertThat(order.get("provider").asText()).isEqualTo("PAYPAL");
        assertThat(order.get("paymentId").asText()).isEqualTo(bought.paymentId());
        assertThat(order.get("buyer").get("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(order.get("buyer").get("email").asText()).as("the domain lower-cased").isEqualTo("ada@example.com");
        List<JsonNode> tickets = List.copyOf(iterable(order.get("tickets")));
        assertThat(tickets).extracting(t -> t.get("seatId").asText()).containsExactlyInAnyOrder("1-2", "3-4");
        JsonNode front = tickets.stream().filter(t -> t.get("seatId").asText().equals("1-2")).findFirst().orElseThrow();
        assertThat(front.get("row").asInt()).isEqualTo(1);
        assertThat(front.get("seat").asInt()).isEqualTo(2);
        assertThat(front.get("label").asText()).isEqualTo("Row 1, Seat 2");
        assertThat(front.get("price").asText()).isEqualTo("50.00");
        assertThat(tickets).allSatisfy(ticket -> {
            assertThat(ticket.get("status").asText()).isEqualTo("PAID");
            assertThat(ticket.get("code").asText()).matches("[A-Za-z0-9_-]{100,200}");
            assertThat(ticket.get("admittedAt").isNull()).isTrue();
        });
        assertThat(shop.order(bought.orderCode().toLowerCase().replace("-", ""), alice).get("code").asText())
                .as("a code typed in lower case without its dash").isEqualTo(bought.orderCode());
    }

    /**
     * An order on a venue's plan names its seats as the plan does and the ticket prints them, and so does the door,
     * not by the engine's grid row and column.
     */
    @Test
    void anOrderOnAVenuesPlanLabelsItsTicketsAsThePlanNamesTheSeats() {
        String olga = api.organiser();
        String venue = api.post("/venues", olga, dev.ticketing.venues.formats.SamplePlans.theatre()).json().get("id").asText();
        String event = api.createEventOnVenue(olga, venue, Api.THEATRE_PRICES);
        String alice = api.newUser("alice");

        Purchases.Purchase bought = shop.buy(event, alice, "th-S-I-16");

        JsonNode ticket = shop.order(bought.orderCode(), alice).get("tickets").get(0);
        assertThat(ticket.get("seatId").asText()).isEqualTo("th-S-I-16");
        assertThat(ticket.get("label").asText()).isEqualTo("Stalls, row I, Seat 16");
        // and the door says the same seat
        Api.Response admitted = shop.checkIn(event, shop.staff(), ticket.get("code").asText(), "gate-1", "scan-1");
        assertThat(admitted.status()).as(admitted.toString()).isEqualTo(200);
        assertThat(admitted.json().get("label").asText()).isEqualTo("Stalls, row I, Seat 16");
    }

    @Test
    void myOrdersListsTheBuyersOrdersNewestFirstAndNobodyElses() {
        String event = api.createEvent(5, 8);
        String alice = api.newUser("alice");
        String bob = api.newUser("bob");
        Purchases.Purchase first = shop.buy(event, alice, "2-1");
        Purchases.Purchase second = shop.buy(event, alice, "2-2");
        shop.buy(event, bob, "2-3");

        Api.Response mine = api.get("/me/orders", alice);

        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        assertThat(iterable(mine.json().get("orders"))).extracting(order -> order.get("code").asText())
                .containsExactly(second.orderCode(), first.orderCode());
        assertThat(mine.json().get("next").isNull()).isTrue();
        JsonNode page = api.get("/me/orders?limit=1", alice).json();
        assertThat(page.get("orders")).hasSize(1);
        JsonNode rest = api.get("/me/orders?limit=1&cursor=" + page.get("next").asText(), alice).json();
        assertThat(rest.get("orders").get(0).get("code").asText()).isEqualTo(first.orderCode());
        assertThat(api.get("/me/orders?cursor=garbled", alice).status()).isEqualTo(400);
    }

    @Test
    void anOrderIsShownToItsBuyerStaffAndAdminsAndToNobodyElse() {
        String event = api.createEvent(5, 8);
        String alice = api.newUser("alice");
        Purchases.Purchase bought = shop.buy(event, alice, "4-4");

        assertThat(api.get("/orders/" + bought.orderCode(), shop.staff()).status()).isEqualTo(200);
        assertThat(api.get("/orders/" + bought.orderCode(), api.admin()).status()).isEqualTo(200);
        Api.Response stranger = api.get("/orders/" + bought.orderCode(), api.newUser("mallory"));
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/orders/ZZZ-ZZZ", alice).status()).isEqualTo(404);
        assertThat(api.get("/orders/" + "O".repeat(3000), alice).status()).isEqualTo(404);
    }

    @Test
    void aMissingBuyerOrOneThatIsNoBuyerIsRefusedAndChangesNothing() {
        String event = api.createEvent(5, 8);
        String alice = api.newUser("alice");
        String holdId = shop.payments.hold(event, alice, "5-5");

        for (Map<String, Object> buyer : List.<Map<String, Object>>of(Map.of("name", "Ada"), Map.of("email", "ada@example.com"),
                Map.of("name", " ", "email", "ada@example.com"), Map.of("name", "Ada", "email", "ada.example.com"),
                Map.of("name", "Ada", "email", "ada@localhost"), Map.of("name", "x".repeat(101), "email", "a@b.co"),
                Map.of("name", "Ada", "email", "ada@example.com", "language", "not a language"))) {
            Api.Response refused = api.post("/holds/" + holdId + "/payments", alice,
                    Map.of("provider", "PAYPAL", "buyer", buyer));
            assertThat(refused.status()).as(buyer + " -> " + refused).isEqualTo(400);
            assertThat(refused.json().get("detail").asText()).contains("buyer.");
        }
        Api.Response noBuyer = api.post("/holds/" + holdId + "/payments", alice, Map.of("provider", "PAYPAL"));
        assertThat(noBuyer.status()).as(noBuyer.toString()).isEqualTo(400);
        assertThat(noBuyer.json().get("detail").asText()).contains("buyer is required");
        assertThat(shop.payments.hold(holdId, alice).get("paymentId")).as("no payment started").isNull();
    }

    static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> all = new java.util.ArrayList<>();
        array.forEach(all::add);
        return all;
    }
}
