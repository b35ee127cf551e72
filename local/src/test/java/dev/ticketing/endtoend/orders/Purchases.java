package dev.ticketing.endtoend.orders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.PaymentsApi;
import dev.ticketing.local.testing.TestStack;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Purchases as a buyer makes them (hold, pay with PayPal naming the buyer, approve), and door staff's tokens. */
final class Purchases {
    final PaymentsApi payments;
    final Api api;

    Purchases() {
        this(TestStack.payments());
    }

    /** Purchases on a stack of the test's own. */
    Purchases(PaymentsApi payments) {
        this.payments = payments;
        this.api = payments.api();
    }

    /** A finished purchase: the buyer's token, the payment, the order code the payment names. */
    record Purchase(String buyer, String paymentId, String orderCode, String captureId) {
    }

    /** Buys {@code seats} of {@code event} as {@code buyer}, who says they are Ada Lovelace, and waits for the sale. */
    Purchase buy(String event, String buyer, String... seats) {
        return buy(event, buyer, Map.of("name", "Ada Lovelace", "email", "ada@Example.COM"), Map.of(), seats);
    }

    /** Buys as {@code buyer} who gives {@code buyerBody} at checkout, sent with {@code headers} (Accept-Language). */
    Purchase buy(String event, String buyer, Map<String, Object> buyerBody, Map<String, String> headers,
                 String... seats) {
        String holdId = payments.hold(event, buyer, seats);
        Api.Response started = api.send("POST", "/holds/" + holdId + "/payments", buyer, Map.of("provider", "PAYPAL",
                "buyer", buyerBody), headers);
        if (started.status() != 201) {
            throw new AssertionError("payment not started: " + started);
        }
        payments.approveAtPayPal(started.json().get("providerOrderId").asText());
        String paymentId = started.json().get("id").asText();
        JsonNode sold = payments.awaitStatus(paymentId, buyer, "SUCCESS");
        return new Purchase(buyer, paymentId, sold.get("orderCode").asText(), sold.get("captureId").asText());
    }

    JsonNode order(String code, String token) {
        Api.Response read = api.get("/orders/" + code, token);
        if (read.status() != 200) {
            throw new AssertionError("order not read: " + read);
        }
        return read.json();
    }

    /** A token of a new member of the door staff. */
    String staff() {
        return TestStack.get().token("door-" + UUID.randomUUID().toString().substring(0, 8), List.of("staff"));
    }

    Api.Response checkIn(String event, String token, String code, String deviceId, String scanId) {
        return api.post("/events/" + event + "/checkins", token, Map.of("code", code, "deviceId", deviceId,
                "scanId", scanId));
    }
}
