package dev.ticketing.api.query;

import java.util.Map;

/**
 * The request's query string values, as API Gateway parsed them ({@code queryStringParameters}; a repeated name
 * has its values joined by commas). Controllers take this instead of {@code @QueryValue}: Micronaut's API Gateway
 * request merges a form-encoded body into its parameters, so a query value could come from the body, and a body
 * that is not valid form encoding failed every query value of the request with a 500.
 */
public record QueryValues(Map<String, String> values) {
    public QueryValues {
        values = values == null ? Map.of() : Map.copyOf(values);
    }

    /** The value of {@code name}, or null when the query has none. */
    public String get(String name) {
        return values.get(name);
    }
}
