package dev.ticketing.payments.provider;

import java.net.URI;

/** The provider's order (PayPal order id, card checkout session id) and the page where the buyer approves it. */
public record CheckoutSession(String orderId, URI approvalUrl) {
}
