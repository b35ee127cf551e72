package dev.ticketing.payments.provider;

import java.math.BigDecimal;
import java.net.URI;

/** What a hosted checkout is for: the payment (the idempotency key and the provider's custom id), the hold, the money. */
public record CheckoutRequest(String paymentId, String holdId, BigDecimal amount, String currency, URI returnUrl,
                              URI cancelUrl) {
}
