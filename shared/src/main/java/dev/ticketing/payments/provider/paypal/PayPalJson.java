package dev.ticketing.payments.provider.paypal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

/**
 * The JSON settings for PayPal bodies. A webhook event is parsed and written again for verification, so the
 * tree must say exactly what PayPal sent: no number turned into a double, no "1.10" shortened to "1.1".
 */
public final class PayPalJson {
    private PayPalJson() {
    }

    public static ObjectMapper newMapper() {
        return new ObjectMapper()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }
}
