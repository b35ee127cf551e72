package dev.ticketing.api.identity;

/**
 * Where a request came from, as API Gateway saw it ({@code requestContext.http.sourceIp}: the TCP peer, or the first
 * address of a trusted proxy chain; never a header the client wrote). Null when the request has none (the API's own
 * SnapStart priming requests). A controller method takes it as a parameter ({@link SourceAddressBinder}).
 */
public record SourceAddress(String address) {
}
