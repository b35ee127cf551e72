package dev.ticketing.payments.provider;

import dev.ticketing.problems.InvalidRequestException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The providers configuration enables, in the order the checkout offers them. */
public final class PaymentGateways {
    private final Map<PaymentProvider, PaymentGateway> enabled = new EnumMap<>(PaymentProvider.class);

    public PaymentGateways(List<PaymentGateway> gateways) {
        for (PaymentGateway gateway : gateways) {
            enabled.put(gateway.provider(), gateway);
        }
    }

    public List<PaymentGateway> enabled() {
        return new ArrayList<>(enabled.values());
    }

    /**
     * Why {@code amount} in {@code currency} cannot be charged by every enabled provider (decimal places per currency
     * as each provider defines them: PayPal takes whole amounts of HUF, JPY and TWD), or empty when all can.
     */
    public Optional<String> unchargeable(java.math.BigDecimal amount, String currency) {
        return enabled.values().stream().map(gateway -> gateway.unchargeable(amount, currency))
                .flatMap(Optional::stream).findFirst();
    }

    public Optional<PaymentGateway> find(PaymentProvider provider) {
        return Optional.ofNullable(enabled.get(provider));
    }

    /** The gateway of a stored payment; its provider was enabled when the payment started. */
    public PaymentGateway require(PaymentProvider provider) {
        return find(provider).orElseThrow(() -> new PaymentProviderException(
                "payment provider " + provider + " is not configured", true, null, null));
    }

    /** The gateway a client asked for by name, or a 400 naming the ones on offer. */
    public PaymentGateway chosen(String name) {
        List<String> offered = enabled.keySet().stream().map(Enum::name).toList();
        if (name == null || name.isBlank()) {
            throw new InvalidRequestException("provider is required, one of " + offered, Map.of("providers", offered));
        }
        PaymentProvider provider;
        try {
            provider = PaymentProvider.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("Unknown provider " + name + "; one of " + offered, Map.of("providers", offered));
        }
        return find(provider).orElseThrow(() -> new InvalidRequestException(
                "Provider " + provider + " is not enabled here; one of " + offered, Map.of("providers", offered)));
    }
}
