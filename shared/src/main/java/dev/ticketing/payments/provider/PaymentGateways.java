package dev.ticketing.payments.provider;

import dev.ticketing.problems.CurrencyNotSupportedException;
import dev.ticketing.problems.InvalidRequestException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
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
     * The providers offered for an event in {@code currency}: the enabled ones that take it
     * ({@link PaymentGateway#currencies()}), in checkout order; possibly none.
     */
    public List<PaymentGateway> offeredFor(String currency) {
        return enabled.values().stream().filter(gateway -> gateway.currencies().contains(currency)).toList();
    }

    /**
     * The providers offered for {@code currency}, or a 422 {@code currency-not-supported} naming the currency and,
     * per enabled provider, the currencies it takes (an event nobody could pay for is refused before anything is
     * stored). With no provider enabled at all (payments not configured, as in the data-layer tests) nothing is
     * refused: no currency is payable there, and startup logs which providers are enabled.
     */
    public List<PaymentGateway> requireOfferedFor(String currency) {
        List<PaymentGateway> offered = offeredFor(currency);
        if (!offered.isEmpty() || enabled.isEmpty()) {
            return offered;
        }
        Map<String, Object> taken = new LinkedHashMap<>();
        enabled.forEach((provider, gateway) -> taken.put(provider.name(), gateway.currencies().stream().sorted().toList()));
        throw new CurrencyNotSupportedException("No payment provider enabled here takes " + currency + " ("
                + String.join(", ", taken.keySet()) + " are enabled; see providerCurrencies)",
                Map.of("currency", currency, "providerCurrencies", taken));
    }

    /**
     * Why {@code amount} in {@code currency} cannot be charged by every provider offered for the currency (decimal
     * places per currency as each provider defines them: PayPal takes whole amounts of HUF, JPY and TWD), or empty
     * when all can.
     */
    public Optional<String> unchargeable(BigDecimal amount, String currency) {
        return offeredFor(currency).stream().map(gateway -> gateway.unchargeable(amount, currency))
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

    /**
     * The {@code gateway} a buyer chose, if it takes {@code currency} (the event's); else a 422
     * {@code currency-not-supported} naming the providers this event can be paid with.
     */
    public PaymentGateway requireTakes(PaymentGateway gateway, String currency) {
        if (!gateway.currencies().contains(currency)) {
            List<String> offered = offeredFor(currency).stream().map(g -> g.provider().name()).toList();
            throw new CurrencyNotSupportedException(gateway.displayName() + " does not take " + currency
                    + "; this event can be paid with " + offered,
                    Map.of("currency", currency, "provider", gateway.provider().name(), "providers", offered));
        }
        return gateway;
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
