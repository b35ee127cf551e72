package dev.ticketing.endtoend.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.PaymentsApi;
import dev.ticketing.local.testing.TestStack;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The organiser's seat operations over HTTP against the local stack (docs/organiser-seats.md): blocks and unblocks,
 * comps, edit and reprice, and the audit trail that records each.
 */
class OrganiserSeatsIT {
    private final Api api = TestStack.api();
    private final PaymentsApi payments = TestStack.payments();

    @Test
    void aBlockedSeatReadsBlockedInBothMapsAndNoHoldTakesIt() {
        String event = api.createEvent(3, 5);
        String organiser = api.admin();

        Api.Response blocked = api.post("/events/" + event + "/blocks", organiser, Map.of("seats", List.of("2-3", "2-2")));

        assertThat(blocked.status()).as(blocked.toString()).isEqualTo(200);
        assertThat(texts(blocked.json().get("seats"))).containsExactly("2-2", "2-3");
        assertThat(blocked.json().get("status").asText()).isEqualTo("BLOCKED");
        String viewer = api.newUser("viewer");
        assertThat(api.seatStatuses(event, viewer)).containsEntry("2-2", "BLOCKED").containsEntry("2-3", "BLOCKED")
                .containsEntry("2-4", "AVAILABLE");
        assertThat(api.compactRows(event)).containsExactly("AAAAA", "ABBAA", "AAAAA");
        Api.Response refused = api.hold(event, api.newUser("alice"), "2-3", "2-4");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(texts(refused.json().get("unavailableSeats"))).containsExactly("2-3");
        assertThat(api.seatStatuses(event, viewer)).containsEntry("2-4", "AVAILABLE");
    }

    @Test
    void bestAvailableRunningWhileSeatsAreBlockedNeverHoldsABlockedSeat() throws Exception {
        int buyers = 12;
        String event = api.createEvent(4, 10);
        String organiser = api.admin();
        List<String> hall = new ArrayList<>();
        for (int row = 1; row <= 4; row++) {
            for (int column = 1; column <= 10; column++) {
                hall.add(row + "-" + column);
            }
        }
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch firstAnswer = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(buyers + 1);
        try {
            List<Future<Api.Response>> holds = new ArrayList<>();
            for (int b = 0; b < buyers; b++) {
                String buyer = api.newUser("buyer" + b);
                holds.add(threads.submit(() -> {
                    start.await();
                    try {
                        return api.post("/events/" + event + "/holds", buyer, Map.of("quantity", 2));
                    } finally {
                        firstAnswer.countDown();
                    }
                }));
            }
            // once the first buyer is answered (the others are still being placed), the organiser blocks the whole
            // hall: what buyers took first is named in a 409 and left out of the next try
            Future<Set<String>> blocking = threads.submit(blockAllBut(event, organiser, hall, firstAnswer));
            start.countDown();
            Set<String> blockedSeats = blocking.get(1, TimeUnit.MINUTES);
            Set<String> heldSeats = new HashSet<>();
            for (Future<Api.Response> hold : holds) {
                Api.Response answer = hold.get(1, TimeUnit.MINUTES);
                assertThat(answer.status()).as(answer.toString()).isIn(201, 409);
                if (answer.status() == 201) {
                    answer.json().get("seats").forEach(seat -> heldSeats.add(seat.get("id").asText()));
                }
            }

            assertThat(heldSeats).as("held seats").doesNotContainAnyElementsOf(blockedSeats);
            Map<String, String> map = api.seatStatuses(event, api.newUser("viewer"));
            heldSeats.forEach(seat -> assertThat(map.get(seat)).as(seat).isEqualTo("RESERVED"));
            blockedSeats.forEach(seat -> assertThat(map.get(seat)).as(seat).isEqualTo("BLOCKED"));
            assertThat(map.values().stream().filter("BLOCKED"::equals).count()).isEqualTo(blockedSeats.size());
            assertThat(blockedSeats.size() + heldSeats.size()).as("every seat held or blocked")
                    .isEqualTo(hall.size());
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Blocks the seats, leaving out those a 409 names as held, until a block succeeds; answers what it blocked.
     * Buyers who hold after it succeeds find no seat left (409): the hall is then all held or blocked.
     */
    private Callable<Set<String>> blockAllBut(String event, String organiser, List<String> seats, CountDownLatch start) {
        return () -> {
            start.await();
            List<String> left = new ArrayList<>(seats);
            for (int attempt = 1; attempt <= seats.size(); attempt++) {
                Api.Response blocked = api.post("/events/" + event + "/blocks", organiser, Map.of("seats", left));
                if (blocked.status() == 200) {
                    return new HashSet<>(texts(blocked.json().get("seats")));
                }
                assertThat(blocked.status()).as(blocked.toString()).isEqualTo(409);
                left.removeAll(texts(blocked.json().get("unavailableSeats")));
            }
            throw new AssertionError("no block succeeded");
        };
    }

    @Test
    void blockingAHeldOrSoldSeatIsRefusedNamingThemAndBlocksNothing() {
        String event = api.createEvent(2, 5);
        String alice = api.newUser("alice");
        api.hold(event, api.newUser("bob"), "1-2");
        String sold = payments.hold(event, alice, "1-4");
        JsonNode payment = payments.startPayPal(sold, alice);
        payments.approveAtPayPal(payment.get("providerOrderId").asText());
        payments.awaitStatus(payment.get("id").asText(), alice, "SUCCESS");

        Api.Response refused = api.post("/events/" + event + "/blocks", api.admin(),
                Map.of("seats", List.of("1-1", "1-2", "1-3", "1-4")));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(texts(refused.json().get("unavailableSeats"))).containsExactlyInAnyOrder("1-2", "1-4");
        Map<String, String> map = api.seatStatuses(event, alice);
        assertThat(map).containsEntry("1-1", "AVAILABLE").containsEntry("1-2", "RESERVED")
                .containsEntry("1-3", "AVAILABLE").containsEntry("1-4", "SOLD");
    }

    @Test
    void unblockingPutsSeatsBackOnSaleAndOnlyBlockedSeatsCanBeUnblocked() {
        String event = api.createEvent(2, 4);
        String organiser = api.admin();
        api.post("/events/" + event + "/blocks", organiser, Map.of("seats", List.of("1-1", "1-2")));

        Api.Response notBlocked = api.send("DELETE", "/events/" + event + "/blocks", organiser,
                Map.of("seats", List.of("1-2", "1-3")), Map.of());
        assertThat(notBlocked.status()).isEqualTo(409);
        assertThat(texts(notBlocked.json().get("notBlockedSeats"))).containsExactly("1-3");
        Api.Response unblocked = api.send("DELETE", "/events/" + event + "/blocks", organiser,
                Map.of("seats", List.of("1-1", "1-2")), Map.of());

        assertThat(unblocked.status()).as(unblocked.toString()).isEqualTo(200);
        assertThat(api.seatStatuses(event, organiser)).containsEntry("1-1", "AVAILABLE").containsEntry("1-2", "AVAILABLE");
        assertThat(api.compactRows(event).get(0)).isEqualTo("AAAA");
        assertThat(api.hold(event, api.newUser("alice"), "1-1").status()).isEqualTo(201);
    }

    @Test
    void compsAreTheBuyersPaidTicketsAtPriceZero() {
        String event = api.createEvent(3, 4);
        String organiser = api.admin();
        api.post("/events/" + event + "/blocks", organiser, Map.of("seats", List.of("3-1", "3-2", "3-3")));
        String guest = "guest-" + UUID.randomUUID().toString().substring(0, 8);

        Api.Response comp = api.post("/events/" + event + "/comps", organiser,
                Map.of("seats", List.of("3-1", "3-2"), "userId", guest));

        assertThat(comp.status()).as(comp.toString()).isEqualTo(201);
        assertThat(comp.json().get("status").asText()).isEqualTo("PAID");
        assertThat(comp.json().get("amount").asText()).isEqualTo("0.00");
        JsonNode tickets = api.get("/me/tickets", api.tokenOf(guest)).json().get("tickets");
        assertThat(tickets).hasSize(2);
        tickets.forEach(ticket -> {
            assertThat(ticket.get("status").asText()).isEqualTo("PAID");
            assertThat(ticket.get("price").asText()).isEqualTo("0.00");
            assertThat(ticket.path("paymentId").isNull() || ticket.path("paymentId").isMissingNode()).isTrue();
        });
        assertThat(texts(tickets, "seatId")).containsExactlyInAnyOrder("3-1", "3-2");
        assertThat(api.compactRows(event).get(2)).isEqualTo("SSBA");
        Api.Response notBlocked = api.post("/events/" + event + "/comps", organiser,
                Map.of("seats", List.of("3-3", "3-4"), "userId", guest));
        assertThat(notBlocked.status()).isEqualTo(409);
        assertThat(texts(notBlocked.json().get("notBlockedSeats"))).containsExactly("3-4");
        assertThat(api.post("/events/" + event + "/comps", api.newUser("mallory"),
                Map.of("seats", List.of("3-3"), "userId", "mallory")).status()).isEqualTo(403);
    }

    @Test
    void editingAndRepricingKeepHeldPricesAndEveryActionIsInTheAuditTrail() {
        String event = api.createEvent(4, 4);
        String organiser = api.admin();
        String alice = api.newUser("alice");
        String aliceHold = api.hold(event, alice, "1-1").json().get("id").asText();

        Api.Response edited = api.send("PATCH", "/events/" + event, organiser,
                Map.of("name", "Moved show", "date", "2027-03-08T20:00:00Z"), Map.of());
        Api.Response badDate = api.send("PATCH", "/events/" + event, organiser, Map.of("date", "2001-01-01T00:00:00Z"), Map.of());
        Api.Response repriced = api.post("/events/" + event + "/prices", organiser,
                Map.of("currency", "EUR", "prices", List.of(Map.of("fromRow", 1, "toRow", 2, "price", "65.00"))));
        Api.Response negative = api.post("/events/" + event + "/prices", organiser,
                Map.of("currency", "EUR", "prices", List.of(Map.of("fromRow", 1, "toRow", 1, "price", "-1.00"))));
        Api.Response dollars = api.post("/events/" + event + "/prices", organiser,
                Map.of("currency", "USD", "prices", List.of(Map.of("fromRow", 1, "toRow", 1, "price", "10.00"))));
        Api.Response notOrganiser = api.send("PATCH", "/events/" + event, alice, Map.of("name", "Mine"), Map.of());

        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(repriced.status()).as(repriced.toString()).isEqualTo(200);
        assertThat(List.of(badDate.status(), negative.status(), dollars.status(), notOrganiser.status()))
                .containsExactly(400, 400, 400, 403);
        JsonNode now = api.get("/events/" + event, null).json();
        assertThat(now.get("name").asText()).isEqualTo("Moved show");
        assertThat(now.get("date").asText()).isEqualTo("2027-03-08T20:00:00.000Z");
        assertThat(now.get("prices").get(0).get("price").asText()).isEqualTo("65.00");
        JsonNode held = api.get("/holds/" + aliceHold, alice).json();
        assertThat(held.get("status").asText()).as("a hold outlives the move").isEqualTo("ACTIVE");
        assertThat(held.get("amount").asText()).as("and keeps its price").isEqualTo("50.00");
        assertThat(api.hold(event, api.newUser("bob"), "1-2").json().get("amount").asText()).isEqualTo("65.00");
        assertThat(api.hold(event, api.newUser("carol"), "3-2").json().get("amount").asText()).isEqualTo("20.00");

        api.post("/events/" + event + "/blocks", organiser, Map.of("seats", List.of("4-4")));
        api.post("/events/" + event + "/comps", organiser, Map.of("seats", List.of("4-4"), "userId", "guest"));
        List<JsonNode> trail = auditTrail(event, organiser);

        assertThat(trail).extracting(entry -> entry.get("action").asText())
                .containsExactly("CREATE", "EDIT", "REPRICE", "BLOCK", "COMP");
        trail.forEach(entry -> assertThat(entry.get("at").asText()).isNotEmpty());
        assertThat(trail.get(1).get("before").get("name").asText()).isEqualTo("Test show");
        assertThat(trail.get(1).get("after").get("date").asText()).isEqualTo("2027-03-08T20:00:00.000Z");
        assertThat(trail.get(2).get("before").get("prices").get(0).get("price").asText()).isEqualTo("50.00");
        assertThat(trail.get(2).get("after").get("prices").get(0).get("price").asText()).isEqualTo("65.00");
        assertThat(trail.get(3).get("after").get("seats").get("4-4").asText()).isEqualTo("BLOCKED");
        assertThat(trail.get(4).get("after").get("userId").asText()).isEqualTo("guest");
        assertThat(api.get("/events/" + event + "/audit", alice).status()).isEqualTo(403);
    }

    /** Every entry of the event's audit trail, two a page (so the pages are followed too). */
    private List<JsonNode> auditTrail(String event, String organiser) {
        List<JsonNode> entries = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response page = api.get("/events/" + event + "/audit?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                    organiser);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("entries").forEach(entries::add);
            cursor = page.json().path("next").isTextual() ? page.json().get("next").asText() : null;
        } while (cursor != null);
        return entries;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.get(field).asText()));
        return values;
    }
}
