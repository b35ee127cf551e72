package dev.ticketing.api.payments;

import dev.ticketing.api.identity.SourceAddress;
import dev.ticketing.clients.AdmitClientWrite;
import dev.ticketing.events.RefundOrder;
import dev.ticketing.identity.Caller;
import dev.ticketing.logging.LogFields;
import dev.ticketing.orders.model.Buyer;
import dev.ticketing.orders.model.Languages;
import dev.ticketing.payments.StartPayment;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.payments.model.PaymentView;
import dev.ticketing.payments.provider.PaymentGateways;
import dev.ticketing.problems.InvalidRequestException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checkout: pay for a hold through a provider, follow the payment, give up; the organiser's refund of an order. */
@Controller
public class PaymentsController {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentsController.class);

    /**
     * The body of {@code POST /holds/{holdId}/payments}: the provider, and the buyer (name, e-mail, language) the
     * order is made out to and its confirmation mailed to: required and validated (API.md).
     */
    public record CheckoutBody(String provider, @Nullable BuyerBody buyer) {
    }

    /**
     * The {@code buyer} of a checkout body; {@code language} ({@code "it"}, {@code "en"}) is what the order's mails
     * and PDF are written in (absent: the request's {@code Accept-Language}, else English).
     */
    public record BuyerBody(@Nullable String name, @Nullable String email, @Nullable String language) {
    }

    /** The body of {@code POST /payments/{id}/refund}: the tickets to refund; absent or empty: all that are left. */
    public record RefundBody(@Nullable List<String> ticketIds) {
    }

    private final StartPayment checkout;
    private final RefundOrder refunds;
    private final PaymentGateways gateways;
    private final AdmitClientWrite admission;

    public PaymentsController(StartPayment checkout, RefundOrder refunds, PaymentGateways gateways,
                              AdmitClientWrite admission) {
        this.admission = admission;
        this.checkout = checkout;
        this.refunds = refunds;
        this.gateways = gateways;
    }

    @Post("/holds/{holdId}/payments")
    public HttpResponse<PaymentView> start(Caller caller, SourceAddress source, String holdId,
                                           @Body @Nullable CheckoutBody body,
                                           @Header("Idempotency-Key") @Nullable String idempotencyKey,
                                           @Header("Accept-Language") @Nullable String acceptLanguage) {
        admission.admit(source.address());
        if (body != null && body.buyer() == null) {
            throw new InvalidRequestException("buyer is required: {\"name\", \"email\"} of whom the order is made out to");
        }
        Buyer buyer = body == null ? null : Buyer.of(body.buyer().name(), body.buyer().email(),
                Languages.choose(body.buyer().language(), acceptLanguage));
        Payment payment = checkout.start(caller, holdId, body == null ? null : body.provider(), buyer, idempotencyKey);
        LogFields.put(LogFields.PAYMENT_ID, payment.id());
        LogFields.put(LogFields.PROVIDER_ORDER_ID, payment.providerOrderId());
        LOG.info("checkout with {}: payment {}", payment.provider(), payment.status());
        return HttpResponse.created(PaymentView.of(payment), URI.create("/payments/" + payment.id()));
    }

    @Get("/payments/{paymentId}")
    public PaymentView get(Caller caller, String paymentId) {
        return PaymentView.of(checkout.view(caller, paymentId));
    }

    @Post("/payments/{paymentId}/cancel")
    public PaymentView cancel(Caller caller, String paymentId) {
        return PaymentView.of(checkout.cancel(caller, paymentId));
    }

    /** The event's organiser refunds the order, whole or some of its tickets (docs/organiser-operations.md). */
    @Post("/payments/{paymentId}/refund")
    public PaymentView refund(Caller caller, String paymentId, @Body @Nullable RefundBody body) {
        LogFields.put(LogFields.PAYMENT_ID, paymentId);
        Payment payment = refunds.refund(caller, paymentId, body == null ? null : body.ticketIds());
        LOG.info("refund by the organiser: payment {}, refunded {}", payment.status(), payment.refundedAmount());
        return PaymentView.of(payment);
    }

    @Get("/payment-providers")
    public Map<String, List<Map<String, String>>> providers(Caller caller) {
        return Map.of("providers", gateways.enabled().stream()
                .map(gateway -> Map.of("id", gateway.provider().name(), "name", gateway.displayName()))
                .toList());
    }
}
