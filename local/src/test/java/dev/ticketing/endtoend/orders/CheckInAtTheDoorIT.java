package dev.ticketing.endtoend.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.testing.Api;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Door staff scan ticket codes: each ticket is let in once, and only a valid ticket of this event is. */
class CheckInAtTheDoorIT {
    private final Purchases shop = new Purchases();
    private final Api api = shop.api;

    @Test
    void aTicketIsAdmittedOnceAndAgainItSaysWhenAndOnWhichDevice() {
        String event = api.createEvent(5, 8);
        Purchases.Purchase bought = shop.buy(event, api.newUser("alice"), "2-3");
        String code = ticketCodes(bought).get(0);
        String staff = shop.staff();

        Api.Response admitted = shop.checkIn(event, staff, code, "gate-1", "scan-1");

        assertThat(admitted.status()).as(admitted.toString()).isEqualTo(200);
        assertThat(admitted.json().get("label").asText()).isEqualTo("Row 2, Seat 3");
        assertThat(admitted.json().get("seatId").asText()).isEqualTo("2-3");
        assertThat(admitted.json().get("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(admitted.json().get("orderCode").asText()).isEqualTo(bought.orderCode());
        String admittedAt = admitted.json().get("admittedAt").asText();

        Api.Response again = shop.checkIn(event, shop.staff(), code, "gate-2", "scan-9");

        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.json().get("type").asText()).endsWith("already-admitted");
        assertThat(again.json().get("admittedAt").asText()).isEqualTo(admittedAt);
        assertThat(again.json().get("deviceId").asText()).isEqualTo("gate-1");
        assertThat(shop.order(bought.orderCode(), bought.buyer()).get("tickets").get(0).get("admittedAt").asText())
                .isEqualTo(admittedAt);
    }

    @Test
    void theSameScanSentAgainAnswersTheFirstAnswer() {
        String event = api.createEvent(5, 8);
        Purchases.Purchase bought = shop.buy(event, api.newUser("alice"), "1-1");
        String code = ticketCodes(bought).get(0);
        String staff = shop.staff();
        Api.Response first = shop.checkIn(event, staff, code, "gate-1", "scan-7");

        Api.Response retry = shop.checkIn(event, staff, code, "gate-1", "scan-7");

        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(retry.json()).isEqualTo(first.json());
    }

    @Test
    void aGarbledOrForgedCodeIsUnknownAndAnotherEventsTicketIsRefused() {
        String event = api.createEvent(5, 8);
        String other = api.createEvent(5, 8);
        Purchases.Purchase bought = shop.buy(other, api.newUser("alice"), "3-3");
        String code = ticketCodes(bought).get(0);
        String staff = shop.staff();
        byte[] bytes = Base64.getUrlDecoder().decode(code);
        bytes[bytes.length - 1] ^= 0x01;
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

        assertThat(shop.checkIn(other, staff, "K7Q-4M2", "gate-1", "s1").status()).isEqualTo(404);
        assertThat(shop.checkIn(other, staff, forged, "gate-1", "s2").status()).isEqualTo(404);
        Api.Response wrongDoor = shop.checkIn(event, staff, code, "gate-1", "s3");
        assertThat(wrongDoor.status()).as(wrongDoor.toString()).isEqualTo(400);
        assertThat(wrongDoor.json().get("ticketEventId").asText()).isEqualTo(other);
        assertThat(shop.checkIn(other, staff, code, "gate-1", "s4").status()).as("nothing changed: it still admits")
                .isEqualTo(200);
    }

    @Test
    void onlyStaffCheckTicketsInAndBadBodiesAreRefused() {
        String event = api.createEvent(5, 8);
        Purchases.Purchase bought = shop.buy(event, api.newUser("alice"), "4-1");
        String code = ticketCodes(bought).get(0);

        assertThat(shop.checkIn(event, bought.buyer(), code, "my-phone", "s1").status()).isEqualTo(403);
        assertThat(api.post("/events/" + event + "/checkins", shop.staff(), java.util.Map.of("code", code)).status())
                .isEqualTo(400);
        assertThat(api.post("/events/" + event + "/checkins", shop.staff(), "{\"code\":").status()).isEqualTo(400);
        assertThat(shop.checkIn(event, shop.staff(), code, "gate-1", "s2").status()).as("none of that admitted it")
                .isEqualTo(200);
    }

    @Test
    void aRefundedTicketIsRevokedAtTheDoor() {
        String event = api.createEvent(5, 8);
        Purchases.Purchase bought = shop.buy(event, api.newUser("alice"), "5-1");
        String code = ticketCodes(bought).get(0);

        shop.payments.paypalClient().refundCapture(bought.captureId(), new BigDecimal("20.00"), "EUR",
                "dashboard-refund-" + bought.paymentId());
        shop.payments.awaitStatus(bought.paymentId(), bought.buyer(), "REFUNDED");

        Api.Response refused = shop.checkIn(event, shop.staff(), code, "gate-1", "s1");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(410);
        assertThat(refused.json().get("type").asText()).endsWith("ticket-revoked");
        JsonNode order = shop.order(bought.orderCode(), bought.buyer());
        assertThat(order.get("status").asText()).isEqualTo("REFUNDED");
        assertThat(order.get("tickets").get(0).get("code").isNull()).isTrue();
    }

    @Test
    void twoDevicesScanningOneTicketAtTheSameMomentAdmitItOnce() throws Exception {
        String event = api.createEvent(5, 8);
        Purchases.Purchase bought = shop.buy(event, api.newUser("alice"), "3-5");
        String code = ticketCodes(bought).get(0);
        String staff = shop.staff();
        int devices = 8;
        ExecutorService pool = Executors.newFixedThreadPool(devices);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int device = 0; device < devices; device++) {
                String deviceId = "gate-" + device;
                answers.add(pool.submit(() -> {
                    start.await();
                    return shop.checkIn(event, staff, code, deviceId, "scan-" + deviceId).status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
            assertThat(statuses).filteredOn(status -> status == 409).hasSize(devices - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    private List<String> ticketCodes(Purchases.Purchase bought) {
        List<String> codes = new ArrayList<>();
        shop.order(bought.orderCode(), bought.buyer()).get("tickets").forEach(ticket -> codes.add(ticket.get("code").asText()));
        return codes;
    }
}
