package dev.ticketing.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * How every request body is read, the first half of the one validation style (the second is {@link Fields}, which
 * the body's record applies): a JSON value is taken only as its own type.
 * <ul>
 *   <li>no number from a string ({@code "quantity":"2"}), no integer from a fraction ({@code 2.7}, {@code 2.0}), no
 *       boolean from a string or number, no string from a number or boolean ({@code "price":10});</li>
 *   <li>a field named twice, or anything after the body's JSON value, is malformed JSON;</li>
 *   <li>unknown fields are ignored (a tolerant reader: a newer client's extra field is no error).</li>
 * </ul>
 */
public final class StrictJson {
    private StrictJson() {
    }

    @SuppressWarnings("deprecation") // ALLOW_COERCION_OF_SCALARS is the one switch for all scalar targets
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
        mapper.configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
        // scalar coercion off still lets a number or boolean become a string: say so for strings too
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }
}
