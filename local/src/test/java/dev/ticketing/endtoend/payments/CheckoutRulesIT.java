package dev.ticketing.endtoend.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.local.testing.Api;
import dev.ticketing.local.testing.PaymentsApi;
import dev.ticketing.local.testing.TestStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who may pay for what, and when: the checkout's answers over HTTP. */
class CheckoutRulesIT {
    private final PaymentsApi payments = TestStack.payments();
    private final Api api = payments.api();

    @Test
    void theProvidersOnOfferAreTheConfiguredOnes() {
        Api.Response providers = api.get("/payment-providers", api.newUser("alice"));

        assertThat(providers.status()).isEqualTo(200);
        List<String> offered = new ArrayList<>();
        providers.json().get("providers").forEach(p -> offered.add(p.get("id").asText() + ":" + p.get("name").asText()));
        assertThat(offered).containsExactly("PAYPAL:PayPal", "OTHER:Card (hosted checkout)");
    }

    @Test
    void onlyTheOwnerCanPayForAHoldOrSeeItsPayment() {
        String event = api.createEvent(3, 3);
        String alice = api.newUser("alice");
        String holdId = payments.hold(event, alice, "1-1");
        String mallory = api.newUser("mallory");

        Api.Response notHers = payments.pay(holdId, mallory, "PAYPAL");
        JsonNode payment = payments.startPayPal(holdId, alice);
        Api.Response peek = api.get("/payments/" + payment.get("id").asText(), mallory);
        Api.Response cancel = api.post("/payments/" + payment.get("id").asText() + "/cancel", mallory, null);

        assertThat(notHers.status()).isEqualTo(404);
        assertThat(notHers.contentType()).isEqualTo("application/problem+json");
        assertThat(peek.status()).isEqualTo(404);
        assertThat(cancel.status()).isEqualTo(404);
        assertThat(payments.payment(payment.get("id").asText(), alice).get("status").asText()).isEqualTo("PENDING");
        assertThat(api.post("/holds/" + holdId + "/payments", null, Map.of("provider", "PAYPAL")).status()).isEqualTo(401);
    }

    @Test
    void anExpiredOrReleasedHoldCannotBePaid() {
        String event = api.createEvent(3, 3);
        String alice = api.newUser("alice");
        // one open hold at a time per user and event: release the first before holding again
        String released = payments.hold(event, alice, "2-2");
        assertThat(api.delete("/holds/" + released, alice).status()).isEqualTo(204);
        String expired = payments.hold(event, alice, "2-1");
        TestStack.clock().advance(Duration.ofMinutes(10).plusMillis(1));

        Api.Response late = payments.pay(expired, alice, "PAYPAL");
        Api.Response gone = payments.pay(released, alice, "PAYPAL");

        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().get("holdStatus").asText()).isEqualTo("EXPIRED");
        assertThat(late.contentType()).isEqualTo("application/problem+json");
        assertThat(gone.status()).isEqualTo(409);
        assertThat(gone.json().get("holdStatus").asText()).isEqualTo("RELEASED");
    }

    @Test
    void aSecondPaymentWhileOneIsInFlightIsRefusedPointingAtIt() {
        String event = api.createEvent(3, 3);
        String alice = api.newUser("alice");
        String holdId = payments.hold(event, alice, "3-1", "3-2");
        JsonNode first = payments.startPayPal(holdId, alice);

        Api.Response second = payments.pay(holdId, alice, "OTHER");

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("paymentId").asText()).isEqualTo(first.get("id").asText());
        assertThat(second.json().get("payment").asText()).isEqualTo("/payments/" + first.get("id").asText());
    }

    @Test
    void aRetriedPostWithTheSameIdempotencyKeyGetsTheFirstPayment() {
        String event = api.createEvent(3, 3);
        String alice = api.newUser("alice");
        String holdId = payments.hold(event, alice, "1-2");

        Api.Response first = payments.pay(holdId, alice, "PAYPAL", "key-1");
        Api.Response again = payments.pay(holdId, alice, "PAYPAL", "key-1");
        Api.Response otherBody = payments.pay(holdId, alice, "OTHER", "key-1");

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        assertThat(again.json().get("providerOrderId").asText()).isEqualTo(first.json().get("providerOrderId").asText());
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void badProviderChoicesAre400() {
        String event = api.createEvent(3, 3);
        String alice = api.newUser("alice");
        String holdId = payments.hold(event, alice, "3-3");

        Api.Response unknown = payments.pay(holdId, alice, "BITCOIN");
        Api.Response missing = api.post("/holds/" + holdId + "/payments", alice, Map.of());
        Api.Response malformed = api.post("/holds/" + holdId + "/payments", alice, "{\"provider\":");

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("providers")).hasSize(2);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(payments.startPayPal(holdId, alice).get("status").asText()).as("nothing in flight").isEqualTo("PENDING");
    }

    @Test
    void aProviderFailureIs502AndFreesTheHoldForAnotherTry() {
        // PayPal cannot start checkouts for this merchant right now
        String event = api.createEvent(1, 2);
        String alice = api.newUser("alice");
        String holdId = payments.hold(event, alice, "1-1");

        Api.Response refused;
        Api.Response replayed;
        payments.paypal().refuseOrders(true);
        try {
            refused = payments.pay(holdId, alice, "PAYPAL", "refused-" + holdId);
            replayed = payments.pay(holdId, alice, "PAYPAL", "refused-" + holdId);
        } finally {
            payments.paypal().refuseOrders(false);
        }

        assertThat(refused.status()).as(refused.toString()).isEqualTo(502);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        String failedId = refused.json().get("paymentId").asText();
        assertThat(replayed.status()).isEqualTo(502);
        JsonNode failed = payments.payment(failedId, alice);
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("failureCode").asText()).isEqualTo("PROVIDER_ERROR");
        assertThat(payments.hold(holdId, alice).get("status").asText()).isEqualTo("ACTIVE");
        Api.Response byCard = payments.pay(holdId, alice, "OTHER");
        assertThat(byCard.status()).as(byCard.toString()).isEqualTo(201);
        assertThat(byCard.json().get("amount").asText()).isEqualTo(payments.hold(holdId, alice).get("amount").asText());
    }
}
